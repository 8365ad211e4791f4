package dev.omni.server.objects;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Ulid;
import dev.omni.server.ErrorCode;
import dev.omni.server.store.ObjectIndex;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Objects in per-user pack files, found through the {@link ObjectIndex}. Each upload appends the
 * objects it verified to a new pack of its own ({@code objects/<user>/packs/<ulid>.pack}); a commit
 * fsyncs that one file (and once its directory) and then inserts the index rows in one
 * transaction, so a group of hundreds of objects costs one fsync instead of several per object.
 * An object is visible once its row is committed; a crash before that leaves bytes that no row
 * names, which {@link PackRecovery} re-verifies or cuts off at the next start. Objects are stored
 * raw unless a compression level is set (then batch objects are zstd-compressed where that saves
 * an eighth or more); the id is always of the raw bytes. Loose files of earlier versions are read
 * as before.
 */
public final class PackObjectStore implements ObjectStore {
    private static final int BUFFER = 64 * 1024;
    private final Layout layout;
    private final ObjectIndex index;
    private final Ulid ulid;
    private final ObjectReader reader;
    /**
     * Commits (the fsyncs) running at once. Unbounded, fifty clients' uploads flood the journal and
     * every metadata write waits behind it; bounded, commits queue here while the bytes still stream
     * into their packs in parallel, so a slow client never holds a permit.
     */
    private final Semaphore syncs;
    /** zstd level for batch objects; 0: stored raw. */
    private final int compression;

    private final FileChannel lockFile;

    private PackObjectStore(Layout layout, ObjectIndex index, Ulid ulid, int concurrentSyncs, int compression,
                            FileChannel lockFile) {
        this.lockFile = lockFile;
        this.compression = compression;
        this.layout = layout;
        this.index = index;
        this.ulid = ulid;
        this.reader = new ObjectReader(layout);
        this.syncs = new Semaphore(concurrentSyncs, true);
    }

    /**
     * Opens the object store of a data directory for serving: takes the directory's lock (recovery
     * cuts files, so two serving processes must never share a directory; read-only tools such as
     * {@link ObjectVerifier} need no lock), then recovers what a crash left (see {@link PackRecovery}).
     */
    public static PackObjectStore open(Path dataDir, ObjectIndex index, Ulid ulid, int concurrentSyncs, int compression)
            throws IOException {
        Layout layout = new Layout(dataDir);
        Files.createDirectories(layout.objects());
        FileChannel lock = FileChannel.open(dataDir.resolve("serve.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (lock.tryLock() == null) {
                throw new IllegalStateException("another omni-server is serving " + dataDir + "; stop it first");
            }
            new PackRecovery(layout, index, dataDir.resolve("tmp")).run();
            return new PackObjectStore(layout, index, ulid, concurrentSyncs, compression, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof java.nio.channels.OverlappingFileLockException) {
                throw new IllegalStateException("this process already serves " + dataDir, e);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        lockFile.close();
    }

    @Override
    public void ping() throws IOException {
        if (!Files.isDirectory(layout.objects())) {
            throw new IOException("the object directory " + layout.objects() + " is gone");
        }
    }

    @Override
    public String describe() {
        return layout.objects().toAbsolutePath().toString();
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
        Optional<ObjectIndex.Entry> e = index.find(userId, id);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(e.get().size(), reader.open(userId, e.get())));
    }

    /** A single upload, streamed into a pack of its own (it may be large), raw. */
    @Override
    public PutResult put(String userId, ObjectId id, InputStream in, long length, long maxBytes) throws IOException {
        if (length > maxBytes) {
            throw tooLarge(id, maxBytes);
        }
        boolean exists = contains(userId, id);
        try (PackWriter pack = new PackWriter(layout, userId, ulid.next())) {
            MessageDigest md = Hashing.newDigest();
            long offset = exists ? -1 : pack.begin();
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
                if (!exists) {
                    pack.write(buf, 0, n);
                }
            }
            requireMatch(id, Hashing.finish(md));
            if (exists) {
                return PutResult.EXISTED;
            }
            pack.finish(offset, id);
            commit(userId, pack);
            return PutResult.STORED;
        }
    }

    @Override
    public Batch batch(String userId) {
        return new PackBatch(userId);
    }

    /**
     * The objects of one batch request, appended to one pack; each {@link #commit} makes the
     * objects since the last one durable and visible together.
     */
    private final class PackBatch implements Batch {
        private final String userId;
        private final PackWriter pack;
        private final Set<ObjectId> staged = new HashSet<>();
        private byte[] raw = new byte[0];
        private byte[] packed = new byte[0];
        private ZstdCompressCtx zstd;
        private long bytes;

        PackBatch(String userId) {
            this.userId = userId;
            this.pack = new PackWriter(layout, userId, ulid.next());
        }

        @Override
        public PutResult add(ObjectId id, InputStream in, long length, long maxBytes) throws IOException {
            if (length < 0) {
                throw new IllegalArgumentException("a batch object needs its length");
            }
            if (length > maxBytes) {
                skip(in, length);
                throw tooLarge(id, maxBytes);
            }
            int n = (int) length;
            if (raw.length < n) {
                raw = new byte[Math.max(n, raw.length * 2)];
            }
            readFully(in, raw, n, id);
            requireMatch(id, Hashing.sha256(raw, 0, n));
            if (staged.contains(id) || contains(userId, id)) {
                return PutResult.EXISTED;
            }
            int stored = compress(n);
            if (stored > 0) {
                pack.append(id, PackFormat.ZSTD, n, packed, stored);
            } else {
                pack.append(id, PackFormat.RAW, n, raw, n);
            }
            staged.add(id);
            bytes += n;
            return PutResult.STORED;
        }

        /** Compresses raw[0..n) into packed; the compressed length, or 0 when that saves too little. */
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
            return pack.pending().size();
        }

        @Override
        public Set<ObjectId> commit() throws IOException {
            if (pack.pending().isEmpty()) {
                return Set.of();
            }
            Set<ObjectId> existed = new HashSet<>();
            pack.pending().forEach(e -> existed.add(e.id()));
            existed.removeAll(PackObjectStore.this.commit(userId, pack));
            bytes = 0;
            return existed;
        }

        @Override
        public void close() throws IOException {
            if (zstd != null) {
                zstd.close();
            }
            pack.close();
        }
    }

    /** Syncs and indexes what the pack holds since its last commit; returns the ids that were new. */
    private Set<ObjectId> commit(String userId, PackWriter pack) throws IOException {
        syncs.acquireUninterruptibly();
        try {
            pack.sync();
        } finally {
            syncs.release();
        }
        Set<ObjectId> added = index.add(userId, pack.name(), pack.position(), pack.pending());
        pack.committed();
        return added;
    }

    static void requireMatch(ObjectId id, ObjectId actual) {
        if (!actual.equals(id)) {
            throw new ObjectRejectedException(ErrorCode.HASH_MISMATCH, id, "the body of " + id.hex() + " hashes to "
                    + actual.hex());
        }
    }

    static void readFully(InputStream in, byte[] buf, int n, ObjectId id) throws IOException {
        int total = 0;
        while (total < n) {
            int r = in.read(buf, total, n - total);
            if (r < 0) {
                throw new EOFException("the body ended after " + total + " of " + n + " bytes of " + id.hex());
            }
            total += r;
        }
    }

    static ObjectRejectedException tooLarge(ObjectId id, long maxBytes) {
        return new ObjectRejectedException(ErrorCode.TOO_LARGE, id,
                "object " + id.hex() + " is larger than the limit of " + maxBytes + " bytes");
    }

    static void skip(InputStream in, long n) throws IOException {
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
}
