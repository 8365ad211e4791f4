package dev.omni.server.objects;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.server.store.ObjectIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code omni-server verify} and {@code omni-server gc} for the S3 object store. Verify re-reads
 * every indexed object (one GET per pack, streamed through its entries in order; one per object
 * stored on its own), checks the entry header against the index and re-hashes the raw bytes; it
 * lists the bucket for orphans: packs and objects that no index row names, and incomplete
 * multipart uploads (keys that omni did not lay out are never touched). Orphans are what an instance
 * killed between writing bytes and indexing them
 * leaves (or an upload still in flight), so they are notes, not damage; gc deletes the ones older
 * than a grace period and aborts stale multipart uploads. Both only read the index and may run
 * beside serving instances.
 */
public final class S3Maintenance {
    private final S3Client s3;
    private final S3Location where;
    private final ObjectIndex index;

    public S3Maintenance(S3Client s3, S3Location where, ObjectIndex index) {
        this.s3 = s3;
        this.where = where;
        this.index = index;
    }

    /** Bytes in the bucket that no index row names. */
    public record Orphan(String key, long size, Instant lastModified) {
    }

    /** An upload that was started and never completed or aborted. */
    public record StaleUpload(String key, String uploadId, Instant initiated) {
    }

    /** What a gc found and (unless it was a dry run) removed. */
    public record GcReport(List<Orphan> orphans, List<StaleUpload> uploads, int keptYoung) {
    }

    public ObjectVerifier.Report verify(List<String> userIds) {
        List<String> users = userIds.isEmpty() ? index.users() : userIds;
        List<ObjectVerifier.Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long[] counts = new long[2];
        try {
            for (String user : users) {
                verifyUser(user, problems, counts);
            }
            for (Orphan o : orphans(userIds)) {
                notes.add("orphan " + o.key() + " (" + o.size() + " bytes, written " + o.lastModified() + ") is named by no"
                        + " index row: an upload in flight, or an instance that died before indexing it; 'omni-server gc'"
                        + " removes it");
            }
            for (StaleUpload u : uploads()) {
                notes.add("incomplete multipart upload of " + u.key() + " started " + u.initiated() + "; 'omni-server gc'"
                        + " aborts it");
            }
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("cannot read " + where + ": " + e.getMessage(), e));
        }
        return new ObjectVerifier.Report(users.size(), counts[0], counts[1], problems, notes);
    }

    private void verifyUser(String user, List<ObjectVerifier.Problem> problems, long[] counts) {
        Map<String, List<ObjectIndex.Entry>> byPack = new LinkedHashMap<>();
        List<ObjectIndex.Entry> loose = new ArrayList<>();
        index.forEach(user, e -> {
            counts[0]++;
            counts[1] += e.size();
            if (e.loose()) {
                loose.add(e);
            } else {
                byPack.computeIfAbsent(e.pack(), k -> new ArrayList<>()).add(e);
            }
        });
        Map<String, Long> packs = index.packs(user);
        for (Map.Entry<String, Long> p : packs.entrySet()) {
            List<ObjectIndex.Entry> entries = byPack.getOrDefault(p.getKey(), List.of());
            entries.sort(Comparator.comparingLong(ObjectIndex.Entry::offset));
            verifyPack(user, p.getKey(), p.getValue(), entries, problems);
        }
        for (ObjectIndex.Entry e : loose) {
            String problem = checkLoose(user, e);
            if (problem != null) {
                problems.add(new ObjectVerifier.Problem(user, "object " + e.id().hex(), "(alone) " + problem));
            }
        }
    }

    private void verifyPack(String user, String pack, long committed, List<ObjectIndex.Entry> entries,
                            List<ObjectVerifier.Problem> problems) {
        String key = S3ObjectStore.packKey(where, user, pack);
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(where.bucket()).key(key))) {
            long size = in.response().contentLength();
            if (size < committed) {
                problems.add(new ObjectVerifier.Problem(user, "pack " + pack, "has " + size + " bytes but its indexed"
                        + " objects reach " + committed + ": it was truncated"));
            }
            long position = 0;
            for (ObjectIndex.Entry e : entries) {
                if (e.offset() < position) {
                    problems.add(new ObjectVerifier.Problem(user, "object " + e.id().hex(), "(pack " + pack
                            + ") overlaps the entry before it"));
                    continue;
                }
                in.skipNBytes(e.offset() - position);
                position = e.offset();
                byte[] header = in.readNBytes(PackFormat.HEADER);
                byte[] stored = in.readNBytes((int) Math.min(e.stored(), Integer.MAX_VALUE - 16));
                position += header.length + stored.length;
                String problem = checkEntry(e, header, stored);
                if (problem != null) {
                    problems.add(new ObjectVerifier.Problem(user, "object " + e.id().hex(), "(pack " + pack + ") " + problem));
                }
            }
        } catch (NoSuchKeyException e) {
            problems.add(new ObjectVerifier.Problem(user, "pack " + pack, "is gone; its " + entries.size()
                    + " objects are lost"));
        } catch (IOException e) {
            problems.add(new ObjectVerifier.Problem(user, "pack " + pack, "cannot be read: " + e.getMessage()));
        }
    }

    private static String checkEntry(ObjectIndex.Entry e, byte[] header, byte[] stored) {
        if (header.length < PackFormat.HEADER) {
            return "the pack ends before the entry at offset " + e.offset();
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header);
        byte[] raw = new byte[ObjectId.LENGTH];
        b.get(raw);
        PackFormat.Header h = new PackFormat.Header(ObjectId.fromBytes(raw), b.get() & 0xff, b.getLong(), b.getLong());
        if (!h.id().equals(e.id()) || h.encoding() != e.encoding() || h.size() != e.size() || h.stored() != e.stored()) {
            return "the entry at offset " + e.offset() + " is " + h + ", the index says " + e;
        }
        if (stored.length < e.stored()) {
            return "the pack ends inside the object";
        }
        byte[] bytes = stored;
        if (e.encoding() != PackFormat.RAW) {
            try {
                bytes = ObjectReader.decode(e, stored);
            } catch (IOException ex) {
                return ex.getMessage();
            }
        }
        ObjectId actual = Hashing.sha256(bytes, 0, bytes.length);
        return actual.equals(e.id()) ? null : "its bytes hash to " + actual.hex();
    }

    private String checkLoose(String user, ObjectIndex.Entry e) {
        String key = S3ObjectStore.objectKey(where, user, e.id());
        try (InputStream in = s3.getObject(b -> b.bucket(where.bucket()).key(key))) {
            MessageDigest md = Hashing.newDigest();
            byte[] buf = new byte[1 << 16];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                size += n;
            }
            if (size != e.size()) {
                return "it has " + size + " bytes, the index says " + e.size();
            }
            ObjectId actual = Hashing.finish(md);
            return actual.equals(e.id()) ? null : "its bytes hash to " + actual.hex();
        } catch (NoSuchKeyException ex) {
            return "its bytes are gone from the bucket";
        } catch (IOException ex) {
            return "cannot be read: " + ex.getMessage();
        }
    }

    /** Keys under the prefix (of {@code userIds}, or all) that no index row names. */
    public List<Orphan> orphans(List<String> userIds) {
        List<Orphan> out = new ArrayList<>();
        Map<String, Map<String, Long>> packsOf = new HashMap<>();
        String base = where.prefix().isEmpty() ? "" : where.prefix() + "/";
        List<String> prefixes = userIds.isEmpty() ? List.of(base) : userIds.stream().map(u -> base + u + "/").toList();
        for (String prefix : prefixes) {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(where.bucket()).prefix(prefix)).contents()) {
                if (o.key().endsWith("/")) {
                    continue; // a "directory" marker some S3-compatible stores list; it holds no bytes
                }
                String rel = o.key().substring(base.length());
                String[] parts = rel.split("/");
                boolean named;
                if (parts.length == 3 && parts[1].equals("packs") && parts[2].endsWith(Layout.PACK_SUFFIX)) {
                    String pack = parts[2].substring(0, parts[2].length() - Layout.PACK_SUFFIX.length());
                    named = packsOf.computeIfAbsent(parts[0], index::packs).containsKey(pack);
                } else if (parts.length == 3 && parts[1].equals("objects") && parts[2].matches("[0-9a-f]{64}")) {
                    Optional<ObjectIndex.Entry> e = index.find(parts[0], ObjectId.parse(parts[2]));
                    named = e.isPresent() && e.get().loose();
                } else {
                    continue; // not laid out by omni (another tool's, or a store's own bookkeeping): never touched
                }
                if (!named) {
                    out.add(new Orphan(o.key(), o.size(), o.lastModified()));
                }
            }
        }
        return out;
    }

    /** Multipart uploads under the prefix that were never completed or aborted. */
    public List<StaleUpload> uploads() {
        List<StaleUpload> out = new ArrayList<>();
        for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(where.bucket())
                .prefix(where.prefix().isEmpty() ? null : where.prefix() + "/")).uploads()) {
            out.add(new StaleUpload(u.key(), u.uploadId(), u.initiated()));
        }
        return out;
    }

    /**
     * Deletes orphans and aborts multipart uploads older than {@code grace} (younger ones may be
     * uploads in flight on a running instance); with {@code dryRun}, only reports them.
     */
    public GcReport gc(Duration grace, Instant now, boolean dryRun) {
        Instant cutoff = now.minus(grace);
        List<Orphan> orphans = new ArrayList<>();
        List<StaleUpload> uploads = new ArrayList<>();
        int young = 0;
        // Uploads first: some S3-compatible stores keep the parts of an upload as hidden objects,
        // which aborting removes.
        for (StaleUpload u : uploads()) {
            if (young(u.initiated(), grace, cutoff)) {
                young++;
                continue;
            }
            if (!dryRun) {
                s3.abortMultipartUpload(b -> b.bucket(where.bucket()).key(u.key()).uploadId(u.uploadId()));
            }
            uploads.add(u);
        }
        for (Orphan o : orphans(List.of())) {
            if (young(o.lastModified(), grace, cutoff)) {
                young++;
                continue;
            }
            if (!dryRun) {
                s3.deleteObject(b -> b.bucket(where.bucket()).key(o.key()));
            }
            orphans.add(o);
        }
        return new GcReport(orphans, uploads, young);
    }

    /** Within the grace period; a zero grace spares nothing (some stores report listing times, not creation times). */
    private static boolean young(Instant when, Duration grace, Instant cutoff) {
        return !grace.isZero() && when != null && when.isAfter(cutoff);
    }
}
