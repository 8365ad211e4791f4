package dev.omni.core.tree;

import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What the last scan of a workspace saw on disk: for each file its stat (size, mtime and ctime in
 * ns, inode, mode) and hash, for each symlink its stat and target, for each directory its number of
 * entries and tree id. A file whose stat is unchanged is not read again; a directory whose entries
 * are all unchanged keeps its tree id without the tree being built. An entry marked racy (the file
 * changed within the timestamp granularity of the scan that saw it) is never trusted.
 *
 * <p>A binary file like git's index, not SQLite rows: loading 15k entries must cost milliseconds.
 * It is only a cache: a damaged or missing file means every file is hashed again. Its entries only
 * ever name objects of committed snapshots.
 */
public final class StatCache {
    private static final byte[] MAGIC = "OMNISC04".getBytes(StandardCharsets.US_ASCII);

    /** What an entry describes. */
    public enum Kind { FILE, DIR, SYMLINK }

    /**
     * One remembered path. Files: stat and content hash. Symlinks: stat and target. Directories:
     * {@code size} is the number of entries and {@code hash} the tree id.
     */
    public record Entry(Kind kind, long size, long mtimeNs, long ctimeNs, long inode, int mode, ObjectId hash, String target,
                        boolean racy) {
        public static Entry dir(int children, ObjectId tree) {
            return new Entry(Kind.DIR, children, 0, 0, 0, 0, tree, null, false);
        }

        /** The same file or symlink as {@code st} shows, and trustworthy. */
        public boolean matches(FileStat st) {
            return !racy && kind != Kind.DIR && size == st.size() && mtimeNs == st.mtimeNs() && ctimeNs == st.ctimeNs()
                    && inode == st.inode() && mode == st.mode();
        }
    }

    private final Map<String, Entry> entries;

    public StatCache(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static StatCache empty() {
        return new StatCache(new HashMap<>());
    }

    public Entry get(String path) {
        return entries.get(path);
    }

    public int size() {
        return entries.size();
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** Reads the cache; a missing, foreign or damaged file gives an empty cache. */
    public static StatCache load(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return empty();
        }
    }

    private static StatCache parse(byte[] data) {
        if (data.length < MAGIC.length + 4 + 8 || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return empty();
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(data, data.length - 8, 8).getLong()) {
            return empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data, MAGIC.length, data.length - MAGIC.length - 8);
        int n = b.getInt();
        Map<String, Entry> map = new HashMap<>(n * 4 / 3 + 16);
        byte[] id = new byte[ObjectId.LENGTH];
        Kind[] kinds = Kind.values();
        for (int i = 0; i < n; i++) {
            String path = string(data, b);
            int flags = b.get();
            Kind kind = kinds[flags & 3];
            long size = b.getLong();
            long mtime = b.getLong();
            long ctime = b.getLong();
            long inode = b.getLong();
            int mode = b.getInt();
            ObjectId hash = null;
            String target = null;
            if (kind == Kind.SYMLINK) {
                target = string(data, b);
            } else {
                b.get(id);
                hash = ObjectId.fromBytes(id);
            }
            map.put(path, new Entry(kind, size, mtime, ctime, inode, mode, hash, target, (flags & 4) != 0));
        }
        return new StatCache(map);
    }

    private static String string(byte[] data, ByteBuffer b) {
        int len = b.getShort() & 0xffff;
        String s = new String(data, b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    /**
     * Writes the cache atomically (temp file, rename); a failure leaves the old file in place. The
     * bytes are laid out in one array and written with one call: through a DataOutputStream the
     * per-field calls cost tens of milliseconds at 15k entries in a short-lived JVM.
     */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        ByteBuffer out = ByteBuffer.allocate(Math.max(1 << 16, entries.size() * 128));
        out.put(MAGIC);
        out.putInt(0); // the count, filled in below
        int count = 0;
        byte[] id = new byte[ObjectId.LENGTH];
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (!fits(me.getKey(), e)) {
                continue;
            }
            byte[] path = me.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] target = e.kind == Kind.SYMLINK ? e.target.getBytes(StandardCharsets.UTF_8) : null;
            out = ensure(out, 2 + path.length + 1 + 36 + (target == null ? ObjectId.LENGTH : 2 + target.length) + 8);
            out.putShort((short) path.length).put(path);
            out.put((byte) (e.kind.ordinal() | (e.racy ? 4 : 0)));
            out.putLong(e.size).putLong(e.mtimeNs).putLong(e.ctimeNs).putLong(e.inode).putInt(e.mode);
            if (target != null) {
                out.putShort((short) target.length).put(target);
            } else {
                e.hash.copyTo(id, 0);
                out.put(id);
            }
            count++;
        }
        out.putInt(MAGIC.length, count);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out = ensure(out, 8);
        out.putLong(crc.getValue());
        try {
            Files.write(tmp, Arrays.copyOf(out.array(), out.position()));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ByteBuffer ensure(ByteBuffer b, int more) {
        if (b.remaining() >= more) {
            return b;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
        return bigger.put(b.array(), 0, b.position());
    }

    /** Paths or targets longer than 64 KiB of UTF-8 are not cached (they are hashed every time). */
    private static boolean fits(String path, Entry e) {
        return path.length() < 16_000 && (e.target == null || e.target.length() < 16_000);
    }

    /** Deletes the cache file (e.g. after gc): the next scan hashes everything again. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale cache is only slower, never wrong: entries must match stat exactly
        }
    }
}
