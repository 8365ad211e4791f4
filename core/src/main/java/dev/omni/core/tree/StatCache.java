package dev.omni.core.tree;

import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32C;

/**
 * What the last scan of a workspace saw on disk: for each file its stat (size, mtime and ctime in
 * ns, inode, mode) and hash, for each symlink its stat and target, for each directory its number of
 * entries and tree id. A file whose stat is unchanged is not read again; a directory whose entries
 * are all unchanged keeps its tree id without the tree being built. An entry marked racy (the file
 * changed within the timestamp granularity of the scan that saw it) is never trusted.
 *
 * <p>A binary file like git's index, read without being parsed: the file is read in one call and an
 * entry is decoded only when a scan asks for it, through a hash table stored in the file (keyed by
 * {@link String#hashCode()} of the path, which the Java language fixes). Entries are sorted by the
 * UTF-8 bytes of their paths, so a directory's subtree is one contiguous run. It is only a cache: a
 * damaged or missing file (checked with a CRC-32C over all of it) means every file is hashed again.
 * Its entries only ever name objects of committed snapshots.
 *
 * <p>Layout ({@code OMNISC05}, big-endian): magic, entry count {@code n}, table size {@code t} (a power
 * of two), {@code n} entry offsets, {@code n} path hashes, {@code t} table slots (entry index + 1, 0 =
 * empty, linear probing), the entries, CRC-32C of everything before it. An entry: path length (u16),
 * path (UTF-8), flags (kind in bits 0-1, racy in bit 2), size, mtime ns, ctime ns, inode (i64 each),
 * mode (i32), then the hash (32 bytes), or for a symlink the target's length (u16) and UTF-8 bytes.
 */
public final class StatCache {
    private static final byte[] MAGIC = "OMNISC05".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 8;
    /** Paths or targets longer than this many UTF-8 bytes are not cached (they are hashed every time). */
    private static final int MAX_STRING = 0xffff;
    private static final Kind[] KINDS = Kind.values();

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

    private static final StatCache EMPTY = new StatCache(encode(List.of()));

    // Plain array reads: a short-lived JVM runs this code interpreted, where a ByteBuffer or
    // VarHandle access costs a chain of calls per byte.
    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }

    private static int i32(byte[] b, int i) {
        return b[i] << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
    }

    private static long i64(byte[] b, int i) {
        return (long) i32(b, i) << 32 | i32(b, i + 4) & 0xffffffffL;
    }

    /** The whole file, as read (or encoded in memory). */
    private final byte[] buf;
    private final int count;
    private final int offsets;
    private final int hashes;
    private final int table;
    private final int mask;

    private StatCache(byte[] buf) {
        this.buf = buf;
        this.count = i32(buf, MAGIC.length);
        int t = i32(buf, MAGIC.length + 4);
        this.offsets = HEADER;
        this.hashes = HEADER + 4 * count;
        this.table = HEADER + 8 * count;
        this.mask = t - 1;
    }

    /** A cache holding {@code entries} (paths that do not fit are left out). */
    public StatCache(Map<String, Entry> entries) {
        this(encode(sorted(entries)));
    }

    public static StatCache empty() {
        return EMPTY;
    }

    /**
     * Reads the cache; a missing, foreign or damaged file gives an empty cache. The file is read
     * whole in one call (a copy from the page cache, under a millisecond for 15k entries) and
     * checked, never parsed: entries are decoded only when a scan looks them up. (Mapping it
     * instead was measured slower: an interpreted read of a mapped buffer costs a chain of calls.)
     */
    public static StatCache load(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            return valid(b) ? new StatCache(b) : EMPTY;
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    /** Magic, CRC and the header's numbers agree with the file's size. */
    private static boolean valid(byte[] b) {
        int len = b.length;
        if (len < HEADER + 8 || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, len - 8);
        if (crc.getValue() != i64(b, len - 8)) {
            return false;
        }
        long n = i32(b, MAGIC.length);
        long t = i32(b, MAGIC.length + 4);
        return n >= 0 && t > n && Long.bitCount(t) == 1 && HEADER + 8 * n + 4 * t <= len - 8;
    }

    public int size() {
        return count;
    }

    public Entry get(String path) {
        int i = find(path);
        return i < 0 ? null : entry(i);
    }

    /** Every entry, decoded (for tests and tools; a scan looks entries up one by one). */
    public Map<String, Entry> entries() {
        Map<String, Entry> m = new HashMap<>(count * 4 / 3 + 1);
        for (int i = 0; i < count; i++) {
            m.put(path(i), entry(i));
        }
        return m;
    }

    /** The index of {@code path}'s entry, or -1. */
    int find(String path) {
        if (count == 0) {
            return -1;
        }
        int h = path.hashCode();
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int e = i32(buf, table + 4 * slot);
            if (e == 0) {
                return -1;
            }
            int i = e - 1;
            if (i32(buf, hashes + 4 * i) == h && pathEquals(offset(i), path)) {
                return i;
            }
        }
    }

    private int offset(int i) {
        return i32(buf, offsets + 4 * i);
    }

    /** Whether the UTF-8 path at {@code off} is {@code path}; ASCII is compared in place. */
    private boolean pathEquals(int off, String path) {
        int len = u16(buf, off);
        int n = path.length();
        if (len < n) {
            return false;
        }
        int p = off + 2;
        for (int i = 0; i < n; i++) {
            byte b = buf[p + i];
            if (b < 0 || path.charAt(i) >= 0x80) {
                return string(off).equals(path);
            }
            if (b != path.charAt(i)) {
                return false;
            }
        }
        return len == n;
    }

    private String string(int off) {
        int len = u16(buf, off);
        return new String(buf, off + 2, len, StandardCharsets.UTF_8);
    }

    String path(int i) {
        return string(offset(i));
    }

    private int fields(int i) {
        int off = offset(i);
        return off + 2 + (u16(buf, off));
    }

    Kind kind(int i) {
        return KINDS[buf[fields(i)] & 3];
    }

    /** Entry {@code i} is a trustworthy file or symlink with exactly the stat {@code st}. */
    boolean matches(int i, FileStat st) {
        int f = fields(i);
        int flags = buf[f];
        return (flags & 4) == 0 && (flags & 3) != Kind.DIR.ordinal() && i64(buf, f + 1) == st.size()
                && i64(buf, f + 9) == st.mtimeNs() && i64(buf, f + 17) == st.ctimeNs()
                && i64(buf, f + 25) == st.inode() && i32(buf, f + 33) == st.mode();
    }

    /** For a directory entry: its number of entries. */
    long dirSize(int i) {
        return i64(buf, fields(i) + 1);
    }

    ObjectId hash(int i) {
        int f = fields(i) + 37;
        return ObjectId.fromBytes(Arrays.copyOfRange(buf, f, f + ObjectId.LENGTH));
    }

    String target(int i) {
        return string(fields(i) + 37);
    }

    Entry entry(int i) {
        int f = fields(i);
        int flags = buf[f];
        Kind kind = KINDS[flags & 3];
        return new Entry(kind, i64(buf, f + 1), i64(buf, f + 9), i64(buf, f + 17), i64(buf, f + 25),
                i32(buf, f + 33), kind == Kind.SYMLINK ? null : hash(i), kind == Kind.SYMLINK ? target(i) : null,
                (flags & 4) != 0);
    }

    /** Writes the cache atomically (temp file, rename); a failure leaves the old file in place. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try {
            Files.write(tmp, buf);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes the cache file (e.g. after gc): the next scan hashes everything again. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale cache is only slower, never wrong: entries must match stat exactly
        }
    }

    /**
     * The cache a scan leaves behind: the entries of this cache it found unchanged ({@link #keep}),
     * plus the ones it saw anew ({@link #put}). Safe for the scan's threads to use at once. Building
     * the result copies kept entries' bytes without decoding them.
     */
    final class Update {
        private final AtomicLongArray kept = new AtomicLongArray((count + 63) / 64);
        private final AtomicInteger keptCount = new AtomicInteger();
        private final Map<String, Entry> fresh = new java.util.concurrent.ConcurrentHashMap<>();

        void keep(int i) {
            long bit = 1L << (i & 63);
            long old = kept.getAndAccumulate(i >>> 6, bit, (a, b) -> a | b);
            if ((old & bit) == 0) {
                keptCount.incrementAndGet();
            }
        }

        void put(String path, Entry e) {
            fresh.put(path, e);
        }

        /** Whether the result differs from the cache the scan started from. */
        boolean changed() {
            return !fresh.isEmpty() || keptCount.get() != count;
        }

        StatCache result() {
            if (!changed()) {
                return StatCache.this;
            }
            List<Item> items = new ArrayList<>(keptCount.get() + fresh.size());
            for (int i = 0; i < count; i++) {
                if ((kept.get(i >>> 6) & (1L << (i & 63))) != 0) {
                    int off = offset(i);
                    int len = u16(buf, off);
                    byte[] p = Arrays.copyOfRange(buf, off + 2, off + 2 + len);
                    items.add(new Item(p, i32(buf, hashes + 4 * i), null, off, entryEnd(off)));
                }
            }
            for (Map.Entry<String, Entry> me : fresh.entrySet()) {
                Item it = Item.of(me.getKey(), me.getValue());
                if (it != null) {
                    items.add(it);
                }
            }
            items.sort((a, b) -> Arrays.compareUnsigned(a.path, b.path));
            return new StatCache(encode(items, StatCache.this.buf));
        }

        private int entryEnd(int off) {
            int f = off + 2 + (u16(buf, off));
            Kind kind = KINDS[buf[f] & 3];
            int fixed = f + 37;
            return kind == Kind.SYMLINK ? fixed + 2 + (u16(buf, fixed)) : fixed + ObjectId.LENGTH;
        }
    }

    /** Starts the record of a scan against this cache. */
    Update update() {
        return new Update();
    }

    /** One entry to write: either decoded ({@code entry}) or the bytes {@code from..to} of the old buffer. */
    private record Item(byte[] path, int hash, Entry entry, int from, int to) {
        static Item of(String path, Entry e) {
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            if (p.length > MAX_STRING || (e.target() != null && e.target().getBytes(StandardCharsets.UTF_8).length > MAX_STRING)) {
                return null;
            }
            return new Item(p, path.hashCode(), e, 0, 0);
        }

        int length() {
            if (entry == null) {
                return to - from;
            }
            return 2 + path.length + 37 + (entry.kind() == Kind.SYMLINK
                    ? 2 + entry.target().getBytes(StandardCharsets.UTF_8).length : ObjectId.LENGTH);
        }
    }

    private static List<Item> sorted(Map<String, Entry> entries) {
        List<Item> items = new ArrayList<>(entries.size());
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Item it = Item.of(me.getKey(), me.getValue());
            if (it != null) {
                items.add(it);
            }
        }
        items.sort((a, b) -> Arrays.compareUnsigned(a.path, b.path));
        return items;
    }

    private static byte[] encode(List<Item> items) {
        return encode(items, null);
    }

    /** Lays out {@code items} (sorted by path) in one buffer; raw items are copied from {@code old}. */
    private static byte[] encode(List<Item> items, byte[] old) {
        int n = items.size();
        // A power of two at least 4/3 of the entries (load factor at most 3/4).
        int t = Integer.highestOneBit(Math.max(3, n + n / 3)) << 1;
        long total = HEADER + 8L * n + 4L * t + 8;
        for (Item it : items) {
            total += it.length();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalStateException("stat cache too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC).putInt(n).putInt(t);
        int tableAt = HEADER + 8 * n;
        int pos = tableAt + 4 * t;
        byte[] id = new byte[ObjectId.LENGTH];
        for (int i = 0; i < n; i++) {
            Item it = items.get(i);
            out.putInt(HEADER + 4 * i, pos);
            out.putInt(HEADER + 4 * n + 4 * i, it.hash);
            int slot = it.hash & (t - 1);
            while (out.getInt(tableAt + 4 * slot) != 0) {
                slot = (slot + 1) & (t - 1);
            }
            out.putInt(tableAt + 4 * slot, i + 1);
            out.position(pos);
            Entry e = it.entry;
            if (e == null) {
                out.put(old, it.from, it.to - it.from);
            } else {
                out.putShort((short) it.path.length).put(it.path);
                out.put((byte) (e.kind().ordinal() | (e.racy() ? 4 : 0)));
                out.putLong(e.size()).putLong(e.mtimeNs()).putLong(e.ctimeNs()).putLong(e.inode()).putInt(e.mode());
                if (e.kind() == Kind.SYMLINK) {
                    byte[] target = e.target().getBytes(StandardCharsets.UTF_8);
                    out.putShort((short) target.length).put(target);
                } else {
                    e.hash().copyTo(id, 0);
                    out.put(id);
                }
            }
            pos = out.position();
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, pos);
        out.putLong(pos, crc.getValue());
        return out.array();
    }
}
