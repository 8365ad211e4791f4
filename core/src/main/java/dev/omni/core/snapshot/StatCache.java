package dev.omni.core.snapshot;

import dev.omni.core.model.ObjectId;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.zip.CheckedOutputStream;

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

    /** Writes the cache atomically (temp file, rename); a failure leaves the old file in place. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        CRC32C crc = new CRC32C();
        try (OutputStream fos = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(fos, crc), 1 << 16))) {
            out.write(MAGIC);
            int count = 0;
            for (Map.Entry<String, Entry> me : entries.entrySet()) {
                if (fits(me.getKey(), me.getValue())) {
                    count++;
                }
            }
            out.writeInt(count);
            byte[] id = new byte[ObjectId.LENGTH];
            for (Map.Entry<String, Entry> me : entries.entrySet()) {
                Entry e = me.getValue();
                if (!fits(me.getKey(), e)) {
                    continue;
                }
                writeString(out, me.getKey());
                out.writeByte(e.kind.ordinal() | (e.racy ? 4 : 0));
                out.writeLong(e.size);
                out.writeLong(e.mtimeNs);
                out.writeLong(e.ctimeNs);
                out.writeLong(e.inode);
                out.writeInt(e.mode);
                if (e.kind == Kind.SYMLINK) {
                    writeString(out, e.target);
                } else {
                    e.hash.copyTo(id, 0);
                    out.write(id);
                }
            }
            out.flush();
            fos.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Paths or targets longer than 64 KiB of UTF-8 are not cached (they are hashed every time). */
    private static boolean fits(String path, Entry e) {
        return path.length() < 16_000 && (e.target == null || e.target.length() < 16_000);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
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
