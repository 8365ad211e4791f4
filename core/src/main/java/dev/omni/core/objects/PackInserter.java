package dev.omni.core.objects;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdOutputStream;
import dev.omni.core.OmniException;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes objects into one new pack (small objects, grouped per thread into blocks) and loose files
 * (large objects). Each writing thread fills its own block, so files of one directory, which one
 * thread visits together, compress together. Blocks are compressed outside any lock and placed in
 * the pack with positional writes.
 */
final class PackInserter implements ObjectInserter {
    private static final int LEVEL = 2;

    private final PackStore store;
    private final KnownIds known;
    private final Set<ObjectId> seen = ConcurrentHashMap.newKeySet();
    private final Map<Thread, BlockBuilder> builders = new ConcurrentHashMap<>();
    private final List<BlockRow> blockRows = new ArrayList<>();
    private final List<ObjectRow> objectRows = new ArrayList<>();
    private final List<Path> looseTmp = new ArrayList<>();
    private final List<Path> looseDone = new ArrayList<>();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private FileChannel pack;
    private String packName;
    private long packEnd;
    private boolean committed;
    private boolean flushed;

    record BlockRow(long offset, int clen, int rlen) {
    }

    /** {@code block} indexes {@link #blockRows}; -1 for a loose object. */
    record ObjectRow(ObjectId id, int block, int offset, long size) {
    }

    /** When moving objects (gc repacking), ids already in the index are written again and their rows replaced. */
    private final boolean moving;

    PackInserter(PackStore store) {
        this(store, false);
    }

    PackInserter(PackStore store, boolean moving) {
        this.store = store;
        this.known = new KnownIds(store);
        this.moving = moving;
    }

    @Override
    public boolean has(ObjectId id) {
        return seen.contains(id) || known.contains(id);
    }

    @Override
    public void insert(ObjectId id, byte[] data, int offset, int length) {
        if (!seen.add(id)) {
            return;
        }
        if (!moving && known.contains(id)) {
            return;
        }
        objects.incrementAndGet();
        bytes.addAndGet(length);
        if (length > PackFormat.LOOSE_MIN) {
            try {
                writeLoose(id, data, offset, length);
            } catch (IOException e) {
                throw io("write object " + id.abbrev(), e);
            }
            return;
        }
        BlockBuilder b = builders.computeIfAbsent(Thread.currentThread(), t -> new BlockBuilder());
        if (length >= PackFormat.BLOCK_TARGET) {
            // A big object gets a block of its own; the thread's open block stays open.
            BlockBuilder solo = new BlockBuilder();
            solo.add(id, data, offset, length);
            seal(solo);
            solo.close();
            return;
        }
        b.add(id, data, offset, length);
        if (b.size >= PackFormat.BLOCK_TARGET) {
            seal(b);
        }
    }

    private final BlockBuilder trees = new BlockBuilder();

    @Override
    public void insertTree(ObjectId id, byte[] encoded) {
        if (!seen.add(id) || (!moving && known.contains(id))) {
            return;
        }
        objects.incrementAndGet();
        bytes.addAndGet(encoded.length);
        synchronized (trees) {
            trees.add(id, encoded, 0, encoded.length);
            if (trees.size >= PackFormat.BLOCK_TARGET) {
                seal(trees);
            }
        }
    }

    @Override
    public Inserted insertStream(InputStream in) throws IOException {
        byte[] head = in.readNBytes(PackFormat.LOOSE_MIN + 1);
        if (head.length <= PackFormat.LOOSE_MIN) {
            ObjectId id = Hashing.sha256(head);
            insert(id, head, 0, head.length);
            return new Inserted(id, head.length);
        }
        Files.createDirectories(store.home().tmp());
        Path tmp = Files.createTempFile(store.home().tmp(), "obj-", ".tmp");
        synchronized (looseTmp) {
            looseTmp.add(tmp);
        }
        MessageDigest md = Hashing.newDigest();
        long size = 0;
        try (OutputStream out = new ZstdOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), LEVEL)) {
            md.update(head);
            out.write(head);
            size += head.length;
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                out.write(buf, 0, n);
                size += n;
            }
        }
        ObjectId id = Hashing.finish(md);
        if (!seen.add(id) || known.contains(id)) {
            Files.deleteIfExists(tmp);
            return new Inserted(id, size);
        }
        objects.incrementAndGet();
        bytes.addAndGet(size);
        placeLoose(id, tmp, size);
        return new Inserted(id, size);
    }

    private void writeLoose(ObjectId id, byte[] data, int offset, int length) throws IOException {
        Files.createDirectories(store.home().tmp());
        Path tmp = Files.createTempFile(store.home().tmp(), "obj-", ".tmp");
        synchronized (looseTmp) {
            looseTmp.add(tmp);
        }
        byte[] z = Zstd.compress(java.util.Arrays.copyOfRange(data, offset, offset + length), LEVEL);
        Files.write(tmp, z);
        placeLoose(id, tmp, length);
    }

    /** Forces the temp file, moves it to its final name, and notes the object for the index. */
    private void placeLoose(ObjectId id, Path tmp, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path dest = store.looseFile(id);
        Files.createDirectories(dest.getParent());
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
        }
        synchronized (looseTmp) {
            looseTmp.remove(tmp);
            looseDone.add(dest.getParent());
        }
        synchronized (objectRows) {
            objectRows.add(new ObjectRow(id, -1, 0, size));
        }
    }

    private void seal(BlockBuilder b) {
        if (b.count == 0) {
            return;
        }
        byte[] compressed = b.compress();
        ByteBuffer header = PackFormat.header(b.ids, b.sizes, b.count, b.size, compressed.length);
        int total = header.remaining() + compressed.length;
        long start;
        int blockIndex;
        synchronized (objectRows) {
            try {
                openPack();
            } catch (IOException e) {
                throw io("create a pack file", e);
            }
            start = packEnd;
            packEnd += total;
            blockIndex = blockRows.size();
            blockRows.add(new BlockRow(start + header.remaining(), compressed.length, b.size));
            int off = 0;
            for (int i = 0; i < b.count; i++) {
                objectRows.add(new ObjectRow(b.ids[i], blockIndex, off, b.sizes[i]));
                off += b.sizes[i];
            }
        }
        try {
            writeFully(header, start);
            writeFully(ByteBuffer.wrap(compressed), start + PackFormat.headerLength(b.count));
        } catch (IOException e) {
            throw io("write to pack " + packName, e);
        }
        b.reset();
    }

    private void writeFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            pos += pack.write(buf, pos);
        }
    }

    private void openPack() throws IOException {
        if (pack != null) {
            return;
        }
        Files.createDirectories(store.home().packs());
        packName = store.newPackName();
        pack = FileChannel.open(store.home().packs().resolve(packName), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        pack.write(ByteBuffer.wrap(PackFormat.MAGIC), 0);
        packEnd = PackFormat.MAGIC.length;
    }

    @Override
    public void flush() throws IOException {
        for (BlockBuilder b : builders.values()) {
            seal(b);
        }
        synchronized (trees) {
            seal(trees);
        }
        if (pack != null) {
            pack.force(true);
            forceDir(store.home().packs());
        }
        Set<Path> dirs;
        synchronized (looseTmp) {
            dirs = new HashSet<>(looseDone);
        }
        for (Path d : dirs) {
            forceDir(d);
        }
        flushed = true;
    }

    static void forceDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the data itself was forced
        }
    }

    @Override
    public void commit() {
        if (!flushed) {
            throw new IllegalStateException("flush() before commit()");
        }
        synchronized (objectRows) {
            if (objectRows.isEmpty()) {
                committed = true;
                return;
            }
            store.db().write(c -> {
                PackStore.insertRows(c, packName, packEnd, store.now(), blockRows, objectRows, moving);
                return null;
            });
            committed = true;
            store.committed();
        }
    }

    @Override
    public long objectsWritten() {
        return objects.get();
    }

    @Override
    public long bytesWritten() {
        return bytes.get();
    }

    @Override
    public void close() {
        for (BlockBuilder b : builders.values()) {
            b.close();
        }
        trees.close();
        builders.clear();
        try {
            if (pack != null) {
                pack.close();
                if (!committed) {
                    Files.deleteIfExists(store.home().packs().resolve(packName));
                }
            }
            synchronized (looseTmp) {
                for (Path t : looseTmp) {
                    Files.deleteIfExists(t);
                }
                looseTmp.clear();
            }
        } catch (IOException ignored) {
            // leftovers are unreferenced; gc removes them
        }
    }

    private static OmniException io(String what, IOException e) {
        return new OmniException(OmniException.Kind.IO, "cannot " + what + ": " + e.getMessage(), e);
    }

    /** One thread's open block: raw bytes laid end to end, and which object is where. */
    private static final class BlockBuilder {
        byte[] buf = new byte[PackFormat.BLOCK_TARGET + (64 << 10)];
        int size;
        ObjectId[] ids = new ObjectId[64];
        int[] sizes = new int[64];
        int count;
        ZstdCompressCtx ctx;

        void add(ObjectId id, byte[] data, int offset, int length) {
            if (size + length > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
            }
            System.arraycopy(data, offset, buf, size, length);
            size += length;
            if (count == ids.length) {
                ids = java.util.Arrays.copyOf(ids, count * 2);
                sizes = java.util.Arrays.copyOf(sizes, count * 2);
            }
            ids[count] = id;
            sizes[count] = length;
            count++;
        }

        byte[] compress() {
            if (ctx == null) {
                ctx = new ZstdCompressCtx();
                ctx.setLevel(LEVEL);
                ctx.setChecksum(true);
                ctx.setContentSize(true);
            }
            byte[] dst = new byte[(int) Zstd.compressBound(size)];
            int n = ctx.compressByteArray(dst, 0, dst.length, buf, 0, size);
            return java.util.Arrays.copyOf(dst, n);
        }

        void reset() {
            size = 0;
            count = 0;
            if (buf.length > PackFormat.BLOCK_TARGET * 2) {
                buf = new byte[PackFormat.BLOCK_TARGET + (64 << 10)];
            }
        }

        void close() {
            if (ctx != null) {
                ctx.close();
                ctx = null;
            }
        }
    }
}
