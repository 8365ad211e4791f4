package dev.omni.server.objects;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Ulid;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.store.ObjectIndex;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in S3-compatible storage, found through the {@link ObjectIndex} (in the metadata store).
 * Small objects travel in groups: the objects a batch upload verified since its last commit become
 * one pack object in the bucket ({@code <prefix>/<user>/packs/<ulid>.pack}, the format of
 * {@link PackFormat}), written with one PUT, and are then indexed in one transaction; a read is one
 * ranged GET of the entry. A large single upload is streamed into a multipart upload under
 * {@code <prefix>/<user>/objects/<id>} while it is hashed, and completed only when the bytes match
 * the id (otherwise aborted). Either way an object becomes visible only when its index row is
 * committed, after the bucket holds its verified bytes: an instance killed in between leaves bytes
 * that no row names (a pack, or an incomplete multipart upload), which {@link S3Maintenance} finds
 * and removes; never a visible partial object. Packs are never rewritten, so instances need not
 * coordinate anything but the index rows.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    /** Multipart part size, and the size up to which a single upload is buffered and PUT whole. */
    static final int PART = 8 << 20;
    private static final int BUFFER = 64 * 1024;
    /** Objects up to this size are read whole and kept in the cache. */
    static final int CACHED_OBJECT = 256 * 1024;

    private final S3Client s3;
    private final S3Location where;
    private final ObjectIndex index;
    private final Ulid ulid;
    private final int compression;
    /** Small objects recently stored or read: the trees a snapshot check reads right after their upload. */
    private final ObjectCache cache = new ObjectCache(64L << 20, CACHED_OBJECT);

    public S3ObjectStore(S3Client s3, S3Location where, ObjectIndex index, Ulid ulid, int compression) {
        this.s3 = s3;
        this.where = where;
        this.index = index;
        this.ulid = ulid;
        this.compression = compression;
    }

    static String packKey(S3Location where, String userId, String pack) {
        return where.key(userId + "/packs/" + pack + Layout.PACK_SUFFIX);
    }

    static String objectKey(S3Location where, String userId, ObjectId id) {
        return where.key(userId + "/objects/" + id.hex());
    }

    @Override
    public boolean contains(String userId, ObjectId id) {
        return index.find(userId, id).isPresent();
    }

    @Override
    public List<ObjectId> missing(String userId, List<ObjectId> ids) {
        Set<ObjectId> have = index.present(userId, ids);
        List<ObjectId> out = new ArrayList<>();
        for (ObjectId id : new LinkedHashSet<>(ids)) {
            if (!have.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public Optional<StoredObject> open(String userId, ObjectId id) throws IOException {
        Optional<ObjectIndex.Entry> found = index.find(userId, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ObjectIndex.Entry e = found.get();
        byte[] cached = cache.get(id);
        if (cached != null) {
            return Optional.of(new StoredObject(cached.length, new ByteArrayInputStream(cached)));
        }
        try {
            if (e.loose()) {
                return Optional.of(new StoredObject(e.size(), s3.getObject(b -> b.bucket(where.bucket())
                        .key(objectKey(where, userId, id)))));
            }
            long first = e.offset();
            long last = e.offset() + PackFormat.HEADER + e.stored() - 1;
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(where.bucket())
                    .key(packKey(where, userId, e.pack())).range("bytes=" + first + "-" + last));
            try {
                byte[] header = in.readNBytes(PackFormat.HEADER);
                checkHeader(userId, e, header);
                if (e.encoding() == PackFormat.RAW && e.size() > CACHED_OBJECT) {
                    return Optional.of(new StoredObject(e.size(), in));
                }
                byte[] stored = in.readNBytes(Math.toIntExact(e.stored()));
                in.close();
                if (stored.length < e.stored()) {
                    throw new IOException("pack " + e.pack() + " of user " + userId + " ends inside " + id.hex()
                            + "; run omni-server verify");
                }
                byte[] raw = e.encoding() == PackFormat.RAW ? stored : ObjectReader.decode(e, stored);
                cache.put(id, raw);
                return Optional.of(new StoredObject(e.size(), new ByteArrayInputStream(raw)));
            } catch (IOException | RuntimeException ex) {
                in.abort();
                throw ex;
            }
        } catch (NoSuchKeyException ex) {
            throw new IOException("object " + id.hex() + " of user " + userId + " is indexed but its bytes are gone from "
                    + where + "; run omni-server verify", ex);
        } catch (SdkException ex) {
            throw unavailable(ex);
        }
    }

    private static void checkHeader(String userId, ObjectIndex.Entry e, byte[] bytes) throws IOException {
        if (bytes.length < PackFormat.HEADER) {
            throw new IOException("pack " + e.pack() + " of user " + userId + " ends inside the entry of " + e.id().hex());
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] raw = new byte[ObjectId.LENGTH];
        b.get(raw);
        PackFormat.Header h = new PackFormat.Header(ObjectId.fromBytes(raw), b.get() & 0xff, b.getLong(), b.getLong());
        if (!h.id().equals(e.id()) || h.encoding() != e.encoding() || h.size() != e.size() || h.stored() != e.stored()) {
            throw new IOException("pack " + e.pack() + " of user " + userId + " holds " + h.id().hex() + " at offset "
                    + e.offset() + ", not " + e.id().hex() + " as its index says; run omni-server verify");
        }
    }

    static ServerException unavailable(SdkException e) {
        return new ServerException(ErrorCode.UNAVAILABLE, "the object store is unavailable (" + e.getMessage()
                + "); try again");
    }

    /**
     * A single upload: up to {@link #PART} bytes are buffered and stored as a pack of one entry; a
     * longer body is streamed into a multipart upload as it arrives, completed only once its bytes
     * hash to {@code id}.
     */
    @Override
    public PutResult put(String userId, ObjectId id, InputStream in, long length, long maxBytes) throws IOException {
        if (length > maxBytes) {
            throw PackObjectStore.tooLarge(id, maxBytes);
        }
        MessageDigest md = Hashing.newDigest();
        // One byte more than a part tells "small" from "large" without knowing the length.
        byte[] first = readUpTo(in, PART + 1, length, maxBytes, id);
        md.update(first);
        if (first.length <= PART) {
            PackObjectStore.requireMatch(id, Hashing.finish(md));
            if (contains(userId, id)) {
                return PutResult.EXISTED;
            }
            try (S3Batch pack = new S3Batch(userId)) {
                pack.append(id, PackFormat.RAW, first.length, first, first.length);
                pack.commit();
            }
            return PutResult.STORED;
        }
        if (contains(userId, id)) {
            // Read and verify all the same (the answer says whether the bytes were right), store nothing.
            long total = first.length;
            byte[] buf = new byte[BUFFER];
            for (int n; (length < 0 || total < length) && (n = in.read(buf, 0, want(buf, length, total))) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw PackObjectStore.tooLarge(id, maxBytes);
                }
                md.update(buf, 0, n);
            }
            if (length >= 0 && total < length) {
                throw new EOFException("the body ended after " + total + " of " + length + " bytes of " + id.hex());
            }
            PackObjectStore.requireMatch(id, Hashing.finish(md));
            return PutResult.EXISTED;
        }
        return multipart(userId, id, in, length, maxBytes, md, first);
    }

    private static int want(byte[] buf, long length, long total) {
        return length < 0 ? buf.length : (int) Math.min(buf.length, length - total);
    }

    /**
     * Reads up to {@code max} bytes (fewer when the stream or {@code length} ends first). With an
     * unknown length, a full buffer means "more may follow".
     */
    private static byte[] readUpTo(InputStream in, int max, long length, long maxBytes, ObjectId id) throws IOException {
        int limit = length < 0 ? max : (int) Math.min(max, length);
        byte[] buf = new byte[Math.min(limit, 1 << 20)];
        int n = 0;
        while (n < limit) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(limit, buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > maxBytes) {
                throw PackObjectStore.tooLarge(id, maxBytes);
            }
        }
        if (length >= 0 && n < Math.min(length, max)) {
            throw new EOFException("the body ended after " + n + " of " + length + " bytes of " + id.hex());
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private PutResult multipart(String userId, ObjectId id, InputStream in, long length, long maxBytes,
                                MessageDigest md, byte[] first) throws IOException {
        String key = objectKey(where, userId, id);
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(where.bucket()).key(key)).uploadId();
        } catch (SdkException e) {
            throw unavailable(e);
        }
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = first.length;
            uploadPart(key, uploadId, parts, first, first.length);
            byte[] part = new byte[PART];
            while (length < 0 || total < length) {
                int n = 0;
                int limit = length < 0 ? PART : (int) Math.min(PART, length - total);
                while (n < limit) {
                    int r = in.read(part, n, limit - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                if (n == 0) {
                    break;
                }
                total += n;
                if (total > maxBytes) {
                    throw PackObjectStore.tooLarge(id, maxBytes);
                }
                md.update(part, 0, n);
                uploadPart(key, uploadId, parts, part, n);
                if (n < limit) {
                    break;
                }
            }
            if (length >= 0 && total < length) {
                throw new EOFException("the body ended after " + total + " of " + length + " bytes of " + id.hex());
            }
            PackObjectStore.requireMatch(id, Hashing.finish(md));
            s3.completeMultipartUpload(b -> b.bucket(where.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            completed = true;
            long size = total;
            index.add(userId, null, 0, List.of(new ObjectIndex.Entry(id, null, -1, size, size, PackFormat.RAW)));
            return PutResult.STORED;
        } catch (SdkException e) {
            throw unavailable(e);
        } finally {
            if (!completed) {
                abort(key, uploadId);
            }
        }
    }

    private void uploadPart(String key, String uploadId, List<CompletedPart> parts, byte[] data, int n) {
        int number = parts.size() + 1;
        String etag = s3.uploadPart(b -> b.bucket(where.bucket()).key(key).uploadId(uploadId).partNumber(number)
                .contentLength((long) n), RequestBody.fromBytes(n == data.length ? data : Arrays.copyOf(data, n))).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(where.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // 'omni-server gc' aborts what is left; the upload never became visible either way.
            LOG.warn("could not abort the multipart upload of {}: {}", key, e.getMessage());
        }
    }

    @Override
    public Batch batch(String userId) {
        return new S3Batch(userId);
    }

    /**
     * The objects of one batch request since its last commit, as one pack in memory (commit groups
     * are a few MiB); each {@link #commit} PUTs them as a new pack and indexes them.
     */
    private final class S3Batch implements Batch {
        private final String userId;
        private final Set<ObjectId> staged = new HashSet<>();
        private final List<ObjectIndex.Entry> pending = new ArrayList<>();
        /** The raw bytes of the pending objects, for the cache once they are committed. */
        private final java.util.Map<ObjectId, byte[]> fresh = new java.util.HashMap<>();
        private String name;
        private byte[] pack = new byte[0];
        private int length;
        private byte[] raw = new byte[0];
        private byte[] packed = new byte[0];
        private ZstdCompressCtx zstd;
        private long bytes;

        S3Batch(String userId) {
            this.userId = userId;
        }

        @Override
        public PutResult add(ObjectId id, InputStream in, long length, long maxBytes) throws IOException {
            if (length < 0) {
                throw new IllegalArgumentException("a batch object needs its length");
            }
            if (length > maxBytes) {
                PackObjectStore.skip(in, length);
                throw PackObjectStore.tooLarge(id, maxBytes);
            }
            int n = (int) length;
            if (raw.length < n) {
                raw = new byte[Math.max(n, raw.length * 2)];
            }
            PackObjectStore.readFully(in, raw, n, id);
            PackObjectStore.requireMatch(id, Hashing.sha256(raw, 0, n));
            // Whether the user has it already is asked once per commit group (see commit), not per
            // object: a round trip to the database for each of hundreds of small objects is what
            // would cost, and a client only sends what /objects/missing said was missing.
            if (!staged.add(id)) {
                return PutResult.EXISTED;
            }
            fresh.put(id, Arrays.copyOf(raw, n));
            int stored = compress(n);
            if (stored > 0) {
                append(id, PackFormat.ZSTD, n, packed, stored);
            } else {
                append(id, PackFormat.RAW, n, raw, n);
            }
            bytes += n;
            return PutResult.STORED;
        }

        void append(ObjectId id, int encoding, long size, byte[] data, int n) {
            if (name == null) {
                name = ulid.next();
                ensure(PackFormat.MAGIC.length);
                System.arraycopy(PackFormat.MAGIC, 0, pack, 0, PackFormat.MAGIC.length);
                length = PackFormat.MAGIC.length;
            }
            ensure(length + PackFormat.HEADER + n);
            long offset = length;
            new PackFormat.Header(id, encoding, size, n).encode().get(pack, length, PackFormat.HEADER);
            System.arraycopy(data, 0, pack, length + PackFormat.HEADER, n);
            length += PackFormat.HEADER + n;
            pending.add(new ObjectIndex.Entry(id, name, offset, size, n, encoding));
        }

        private void ensure(int capacity) {
            if (pack.length < capacity) {
                pack = Arrays.copyOf(pack, Math.max(capacity, pack.length * 2));
            }
        }

        private int compress(int n) {
            if (compression == 0 || n < 64 || n > PackFormat.MAX_DECODED) {
                return 0;
            }
            int bound = (int) Zstd.compressBound(n);
            if (packed.length < bound) {
                packed = new byte[Math.max(bound, packed.length * 2)];
            }
            if (zstd == null) {
                zstd = new ZstdCompressCtx().setLevel(compression);
            }
            int c = zstd.compressByteArray(packed, 0, packed.length, raw, 0, n);
            return c < n - n / 8 ? c : 0;
        }

        @Override
        public long pendingBytes() {
            return bytes;
        }

        @Override
        public int pendingCount() {
            return pending.size();
        }

        @Override
        public Set<ObjectId> commit() throws IOException {
            if (pending.isEmpty()) {
                return Set.of();
            }
            Set<ObjectId> present = index.present(userId, pending.stream().map(ObjectIndex.Entry::id).toList());
            if (!present.isEmpty()) {
                dropPresent(present);
            }
            Set<ObjectId> existed = new HashSet<>(present);
            if (!pending.isEmpty()) {
                String key = packKey(where, userId, name);
                try {
                    s3.putObject(b -> b.bucket(where.bucket()).key(key).contentLength((long) length),
                            RequestBody.fromBytes(length == pack.length ? pack : Arrays.copyOf(pack, length)));
                } catch (SdkException e) {
                    throw unavailable(e);
                }
                // Visible from here on: the bytes are in the bucket before any row names them.
                Set<ObjectId> added = index.add(userId, name, length, pending);
                for (ObjectIndex.Entry e : pending) {
                    if (!added.contains(e.id())) {
                        existed.add(e.id());
                    }
                    byte[] raw = fresh.get(e.id());
                    if (raw != null) {
                        cache.put(e.id(), raw);
                    }
                }
            }
            pending.clear();
            fresh.clear();
            name = null;
            length = 0;
            bytes = 0;
            return existed;
        }

        /** Takes the entries of objects the user has already out of the pack before it is written. */
        private void dropPresent(Set<ObjectId> present) {
            byte[] old = pack;
            List<ObjectIndex.Entry> kept = new ArrayList<>();
            pack = new byte[old.length];
            System.arraycopy(PackFormat.MAGIC, 0, pack, 0, PackFormat.MAGIC.length);
            length = PackFormat.MAGIC.length;
            for (ObjectIndex.Entry e : pending) {
                if (present.contains(e.id())) {
                    continue;
                }
                int n = PackFormat.HEADER + (int) e.stored();
                System.arraycopy(old, (int) e.offset(), pack, length, n);
                kept.add(new ObjectIndex.Entry(e.id(), e.pack(), length, e.size(), e.stored(), e.encoding()));
                length += n;
            }
            pending.clear();
            pending.addAll(kept);
        }

        @Override
        public void close() {
            if (zstd != null) {
                zstd.close();
            }
        }
    }

    /**
     * Aborts the multipart uploads under the prefix that started more than a day ago: an instance
     * killed during a large upload leaves one, and no upload runs that long. (Orphan packs, left by
     * an instance killed between a PUT and its index rows, are rare and found by verify and gc.)
     */
    @Override
    public void housekeeping(java.time.Instant now) {
        java.time.Instant cutoff = now.minus(java.time.Duration.ofDays(1));
        try {
            for (var u : s3.listMultipartUploadsPaginator(b -> b.bucket(where.bucket())
                    .prefix(where.prefix().isEmpty() ? null : where.prefix() + "/")).uploads()) {
                if (u.initiated() != null && u.initiated().isBefore(cutoff)) {
                    abort(u.key(), u.uploadId());
                    LOG.info("aborted the multipart upload of {} started {}", u.key(), u.initiated());
                }
            }
        } catch (SdkException e) {
            LOG.warn("could not list the incomplete multipart uploads of {}: {}", where, e.getMessage());
        }
    }

    @Override
    public void ping() {
        try {
            s3.headBucket(b -> b.bucket(where.bucket()));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String describe() {
        return where.toString();
    }

    @Override
    public void close() {
        s3.close();
    }
}
