package dev.omni.core.objects;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import dev.omni.core.OmniException;
import dev.omni.core.home.OmniHome;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Ulid;
import dev.omni.core.store.Database;
import dev.omni.core.store.sqlite.Sql;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local object store: small objects in zstd-compressed blocks inside pack files, large ones in
 * loose zstd files under {@code objects/ab/cdef…}; the index (which block, which offset) in SQLite.
 */
final class PackStore implements ObjectStore {
    private static final String LOCATE = "SELECT o.id, o.block_id, o.offset, o.size, b.offset, b.clen, b.rlen, p.name"
            + " FROM objects o LEFT JOIN blocks b ON b.id = o.block_id LEFT JOIN packs p ON p.id = b.pack_id WHERE o.id ";

    private volatile boolean assumeEmpty;
    private final OmniHome home;
    private final java.util.function.Supplier<Database> db;
    private final Ulid ulid;
    private final Clock clock;
    private final Map<String, FileChannel> channels = new HashMap<>();
    private final ThreadLocal<ZstdDecompressCtx> dctx = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    private final Map<Long, byte[]> blockCache = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > 16;
        }
    };

    /** {@code db} is asked for the database only when an object is looked up, not before. */
    PackStore(OmniHome home, java.util.function.Supplier<Database> db, Ulid ulid, Clock clock) {
        this(home, db, ulid, clock, false);
    }

    /**
     * {@code newStore}: the database did not exist when this process started, so until this store
     * commits something it holds no object, and inserters need not ask (a new home's first snapshot
     * then runs while the schema is still being created).
     */
    PackStore(OmniHome home, java.util.function.Supplier<Database> db, Ulid ulid, Clock clock, boolean newStore) {
        this.assumeEmpty = newStore;
        this.home = home;
        this.db = db;
        this.ulid = ulid;
        this.clock = clock;
    }

    OmniHome home() {
        return home;
    }

    Database db() {
        return db.get();
    }

    /** True while this store is known to hold no object yet (see the constructor). */
    boolean assumeEmpty() {
        return assumeEmpty;
    }

    void committed() {
        assumeEmpty = false;
    }

    String newPackName() {
        return "pack-" + ulid.next() + ".pack";
    }

    String now() {
        return clock.instant().toString();
    }

    /** Where a loose (large) object's file is, whether or not it exists. */
    Path looseFile(ObjectId id) {
        String hex = id.hex();
        return home.objects().resolve(hex.substring(0, 2)).resolve(hex.substring(2));
    }

    @Override
    public boolean contains(ObjectId id) {
        return db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM objects WHERE id = ?")) {
                ps.setBytes(1, id.toBytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public Set<ObjectId> containsAll(Collection<ObjectId> ids) {
        Set<ObjectId> found = new HashSet<>();
        db().read(c -> {
            Sql.forEachChunk(ids, part -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM objects WHERE id IN (" + Sql.placeholders(part.size()) + ")")) {
                    for (int j = 0; j < part.size(); j++) {
                        ps.setBytes(j + 1, part.get(j).toBytes());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(ObjectId.fromBytes(rs.getBytes(1)));
                        }
                    }
                }
            });
            return null;
        });
        return found;
    }

    @Override
    public long size(ObjectId id) {
        return locate(id).size();
    }

    @Override
    public byte[] read(ObjectId id) {
        Location loc = locate(id);
        if (loc.size() > MAX_READ) {
            throw new OmniException(OmniException.Kind.FAILURE, "object " + id.abbrev() + " is too large to read whole");
        }
        try {
            if (loc.loose()) {
                try (InputStream in = openLoose(id)) {
                    byte[] data = in.readNBytes((int) loc.size() + 1);
                    if (data.length != loc.size()) {
                        throw new CorruptObjectException(id, "loose file has " + data.length + " bytes, expected " + loc.size());
                    }
                    return data;
                }
            }
            byte[] block = block(id, loc);
            byte[] out = new byte[(int) loc.size()];
            System.arraycopy(block, loc.offset(), out, 0, out.length);
            return out;
        } catch (IOException e) {
            throw new CorruptObjectException(id, e.getMessage());
        }
    }

    @Override
    public InputStream open(ObjectId id) {
        Location loc = locate(id);
        if (!loc.loose()) {
            return new ByteArrayInputStream(read(id));
        }
        try {
            return openLoose(id);
        } catch (IOException e) {
            throw new CorruptObjectException(id, e.getMessage());
        }
    }

    private InputStream openLoose(ObjectId id) throws IOException {
        Path f = looseFile(id);
        try {
            return new ZstdInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
        } catch (NoSuchFileException e) {
            throw new MissingObjectException(id);
        }
    }

    @Override
    public Map<ObjectId, Long> storageOrder(Collection<ObjectId> ids) {
        Map<ObjectId, Location> locs = locateAll(ids);
        Map<ObjectId, Long> order = new HashMap<>(locs.size() * 2);
        for (Map.Entry<ObjectId, Location> e : locs.entrySet()) {
            order.put(e.getKey(), e.getValue().blockId());
        }
        return order;
    }

    @Override
    public void readEach(Collection<ObjectId> ids, ObjectVisitor visitor) {
        Map<ObjectId, Location> locs = locateAll(ids);
        List<Map.Entry<ObjectId, Location>> sorted = new ArrayList<>(locs.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<ObjectId, Location> e) -> e.getValue().blockId())
                .thenComparingInt(e -> e.getValue().offset()));
        long currentBlock = -1;
        byte[] block = null;
        try {
            for (Map.Entry<ObjectId, Location> e : sorted) {
                ObjectId id = e.getKey();
                Location loc = e.getValue();
                if (loc.loose()) {
                    visitor.visit(id, new StreamData(loc.size(), () -> openLoose(id)));
                    continue;
                }
                if (loc.blockId() != currentBlock) {
                    block = readBlock(id, loc);
                    currentBlock = loc.blockId();
                }
                byte[] bytes = new byte[(int) loc.size()];
                System.arraycopy(block, loc.offset(), bytes, 0, bytes.length);
                visitor.visit(id, new BytesData(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record BytesData(byte[] bytes) implements ObjectData {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public byte[] bytesOrNull() {
            return bytes;
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(bytes);
        }
    }

    private interface StreamOpener {
        InputStream open() throws IOException;
    }

    private record StreamData(long size, StreamOpener opener) implements ObjectData {
        @Override
        public byte[] bytesOrNull() {
            return null;
        }

        @Override
        public InputStream stream() throws IOException {
            return opener.open();
        }
    }

    Location locate(ObjectId id) {
        Location loc = locateAll(List.of(id)).get(id);
        if (loc == null) {
            throw new MissingObjectException(id);
        }
        return loc;
    }

    Map<ObjectId, Location> locateAll(Collection<ObjectId> ids) {
        Map<ObjectId, Location> out = new HashMap<>(ids.size() * 2);
        db().read(c -> {
            Sql.forEachChunk(ids, part -> {
                String sql = part.size() == 1 ? LOCATE + "= ?" : LOCATE + "IN (" + Sql.placeholders(part.size()) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int j = 0; j < part.size(); j++) {
                        ps.setBytes(j + 1, part.get(j).toBytes());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ObjectId id = ObjectId.fromBytes(rs.getBytes(1));
                            out.put(id, new Location(rs.getLong(2), rs.getString(8), rs.getLong(5), rs.getInt(6),
                                    rs.getInt(7), rs.getInt(3), rs.getLong(4)));
                        }
                    }
                }
            });
            return null;
        });
        return out;
    }

    private byte[] block(ObjectId id, Location loc) throws IOException {
        synchronized (blockCache) {
            byte[] cached = blockCache.get(loc.blockId());
            if (cached != null) {
                return cached;
            }
        }
        byte[] block = readBlock(id, loc);
        synchronized (blockCache) {
            blockCache.put(loc.blockId(), block);
        }
        return block;
    }

    /** Reads and decompresses one block; damage is reported against {@code id}. */
    byte[] readBlock(ObjectId id, Location loc) throws IOException {
        FileChannel ch = channel(id, loc.pack());
        ByteBuffer buf = ByteBuffer.allocate(loc.clen());
        long pos = loc.blockOffset();
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new CorruptObjectException(id, "pack " + loc.pack() + " is truncated");
            }
        }
        byte[] raw = new byte[loc.rlen()];
        try {
            int n = dctx.get().decompressByteArray(raw, 0, raw.length, buf.array(), 0, buf.capacity());
            if (n != raw.length) {
                throw new CorruptObjectException(id, "block decompressed to " + n + " bytes, expected " + raw.length);
            }
        } catch (RuntimeException e) {
            if (e instanceof CorruptObjectException c) {
                throw c;
            }
            throw new CorruptObjectException(id, "block in " + loc.pack() + " does not decompress: " + e.getMessage());
        }
        return raw;
    }

    private FileChannel channel(ObjectId id, String pack) throws IOException {
        synchronized (channels) {
            FileChannel ch = channels.get(pack);
            if (ch == null) {
                try {
                    ch = FileChannel.open(home.packs().resolve(pack), StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    throw new CorruptObjectException(id, "pack " + pack + " is missing");
                }
                channels.put(pack, ch);
            }
            return ch;
        }
    }

    /** Forgets open pack files and cached blocks (after gc rewrote packs). */
    @Override
    public void invalidate() {
        synchronized (channels) {
            for (FileChannel ch : channels.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a read-only channel
                }
            }
            channels.clear();
        }
        synchronized (blockCache) {
            blockCache.clear();
        }
    }

    @Override
    public ObjectInserter newInserter() {
        return new PackInserter(this);
    }

    @Override
    public long verify(java.util.function.Consumer<Damage> damaged, dev.omni.core.Progress progress) {
        return new PackMaintenance(this).verify(damaged, progress);
    }

    @Override
    public Collected collect(Set<ObjectId> live, Set<ObjectId> treeIds, boolean dryRun, dev.omni.core.Progress progress)
            throws IOException {
        return new PackMaintenance(this).collect(live, treeIds, dryRun, progress);
    }

    static void insertRows(Connection c, String packName, long packBytes, String createdAt, List<PackInserter.BlockRow> blocks,
                           List<PackInserter.ObjectRow> objects, boolean replace) throws SQLException {
        long packId = 0;
        long[] blockIds = new long[blocks.size()];
        if (!blocks.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO packs(name, bytes, created_at) VALUES (?,?,?)")) {
                ps.setString(1, packName);
                ps.setLong(2, packBytes);
                ps.setString(3, createdAt);
                ps.executeUpdate();
            }
            packId = Database.queryLong(c, "SELECT last_insert_rowid()", 0);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO blocks(pack_id, offset, clen, rlen, codec) VALUES (?,?,?,?,?)")) {
                for (int i = 0; i < blocks.size(); i++) {
                    PackInserter.BlockRow b = blocks.get(i);
                    ps.setLong(1, packId);
                    ps.setLong(2, b.offset());
                    ps.setInt(3, b.clen());
                    ps.setInt(4, b.rlen());
                    ps.setInt(5, PackFormat.CODEC_ZSTD);
                    ps.executeUpdate();
                    blockIds[i] = Database.queryLong(c, "SELECT last_insert_rowid()", 0);
                }
            }
        }
        String verb = replace ? "INSERT OR REPLACE" : "INSERT OR IGNORE";
        try (PreparedStatement ps = c.prepareStatement(verb + " INTO objects(id, block_id, offset, size) VALUES (?,?,?,?)")) {
            for (PackInserter.ObjectRow o : objects) {
                ps.setBytes(1, o.id().toBytes());
                if (o.block() < 0) {
                    ps.setNull(2, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(2, blockIds[o.block()]);
                }
                ps.setInt(3, o.offset());
                ps.setLong(4, o.size());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void close() {
        invalidate();
    }
}
