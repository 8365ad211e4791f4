package dev.omni.server.objects;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.server.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * Objects as plain files: {@code objects/<user>/<ab>/<cdef…>} holds the raw bytes, so
 * {@code sha256sum} verifies any of them. A put streams into {@code tmp/}, hashing as it goes,
 * fsyncs, and renames into place only when the hash matched; then it fsyncs the directory, so a
 * crash leaves either the whole object or none (and a stray temp file that the next start
 * deletes).
 */
public final class FileObjectStore implements ObjectStore {
    private static final int BUFFER = 64 * 1024;
    private final Path objects;
    private final Path tmp;
    /**
     * Commits (the fsync rounds) running at once. Unbounded, fifty clients' uploads flood the
     * journal and every metadata write waits behind it; bounded, commits queue here while the
     * bytes still stream into tmp/ in parallel, so a slow client never holds a permit.
     */
    private final Semaphore syncs;

    public FileObjectStore(Path dataDir, int concurrentSyncs) throws IOException {
        this.syncs = new Semaphore(concurrentSyncs, true);
        this.objects = dataDir.resolve("objects");
        this.tmp = dataDir.resolve("tmp");
        Files.createDirectories(objects);
        Files.createDirectories(tmp);
        clearTemp();
    }

    /** Temp files left by a crash are partial uploads: nothing refers to them. */
    private void clearTemp() throws IOException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tmp)) {
            for (Path p : dir) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path path(String userId, ObjectId id) {
        String hex = id.hex();
        return objects.resolve(userId).resolve(hex.substring(0, 2)).resolve(hex.substring(2));
    }

    @Override
    public boolean contains(String userId, ObjectId id) {
        // java.io.File answers a missing file with false; NIO would build an exception for each.
        return path(userId, id).toFile().isFile();
    }

    @Override
    public List<ObjectId> missing(String userId, List<ObjectId> ids) {
        List<ObjectId> out = new ArrayList<>();
        Set<ObjectId> seen = new LinkedHashSet<>();
        for (ObjectId id : ids) {
            if (seen.add(id) && !contains(userId, id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public PutResult put(String userId, ObjectId id, InputStream in, long length, long maxBytes) throws IOException {
        try (Batch b = batch(userId)) {
            PutResult r = b.add(id, in, length, maxBytes);
            b.commit();
            return r;
        }
    }

    @Override
    public Batch batch(String userId) {
        return new FileBatch(userId);
    }

    /**
     * Stages verified objects as temp files; a commit fsyncs them, renames them into place and
     * fsyncs their directories. On ext4 (data=ordered) the first fsync's journal commit writes
     * out the data of every staged file, so the others cost little: a group of 256 small objects
     * pays about one sync instead of 256.
     */
    private final class FileBatch implements Batch {
        private final String userId;
        private final Map<ObjectId, Path> staged = new LinkedHashMap<>();
        private long bytes;

        FileBatch(String userId) {
            this.userId = userId;
        }

        @Override
        public PutResult add(ObjectId id, InputStream in, long length, long maxBytes) throws IOException {
            if (length > maxBytes) {
                skip(in, length);
                throw tooLarge(id, maxBytes);
            }
            Path temp = tmp.resolve(UUID.randomUUID() + ".tmp");
            boolean keep = false;
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ObjectId actual = copyHashing(in, ch, length, maxBytes, id);
                if (!actual.equals(id)) {
                    throw new ObjectRejectedException(ErrorCode.HASH_MISMATCH, id,
                            "the body of " + id.hex() + " hashes to " + actual.hex());
                }
                if (staged.containsKey(id) || contains(userId, id)) {
                    return PutResult.EXISTED;
                }
                staged.put(id, temp);
                bytes += ch.size();
                keep = true;
                return PutResult.STORED;
            } finally {
                if (!keep) {
                    Files.deleteIfExists(temp);
                }
            }
        }

        @Override
        public long pendingBytes() {
            return bytes;
        }

        @Override
        public int pendingCount() {
            return staged.size();
        }

        @Override
        public void commit() throws IOException {
            if (staged.isEmpty()) {
                return;
            }
            syncs.acquireUninterruptibly();
            try {
                syncAndRename();
            } finally {
                syncs.release();
            }
            staged.clear();
            bytes = 0;
        }

        private void syncAndRename() throws IOException {
            for (Path temp : staged.values()) {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            Set<Path> dirs = new LinkedHashSet<>();
            for (Map.Entry<ObjectId, Path> e : staged.entrySet()) {
                Path target = path(userId, e.getKey());
                Files.createDirectories(target.getParent());
                // A concurrent put of the same object may win the race: both hold the same bytes.
                Files.move(e.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                dirs.add(target.getParent());
            }
            for (Path d : dirs) {
                fsyncDirectory(d);
            }
        }

        @Override
        public void close() throws IOException {
            for (Path temp : staged.values()) {
                Files.deleteIfExists(temp);
            }
            staged.clear();
        }
    }

    private static ObjectId copyHashing(InputStream in, FileChannel ch, long length, long maxBytes, ObjectId id)
            throws IOException {
        MessageDigest md = Hashing.newDigest();
        byte[] buf = new byte[BUFFER];
        long total = 0;
        while (length < 0 || total < length) {
            int want = length < 0 ? buf.length : (int) Math.min(buf.length, length - total);
            int n = in.read(buf, 0, want);
            if (n < 0) {
                if (length >= 0) {
                    throw new EOFException("the body ended after " + total + " of " + length + " bytes of " + id.hex());
                }
                break;
            }
            total += n;
            if (total > maxBytes) {
                throw tooLarge(id, maxBytes);
            }
            md.update(buf, 0, n);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
        return Hashing.finish(md);
    }

    private static ObjectRejectedException tooLarge(ObjectId id, long maxBytes) {
        return new ObjectRejectedException(ErrorCode.TOO_LARGE, id,
                "object " + id.hex() + " is larger than the limit of " + maxBytes + " bytes");
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    return;
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a directory; the rename is still atomic there.
        }
    }

    @Override
    public Optional<StoredObject> open(String userId, ObjectId id) throws IOException {
        Path p = path(userId, id);
        try {
            long size = Files.size(p);
            return Optional.of(new StoredObject(size, Files.newInputStream(p)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

}
