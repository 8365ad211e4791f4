package dev.omni.server.store.sqlite;

import static dev.omni.core.store.sqlite.Sql.inChunks;
import static dev.omni.core.store.sqlite.Sql.list;
import static dev.omni.core.store.sqlite.Sql.one;
import static dev.omni.core.store.sqlite.Sql.placeholders;
import static dev.omni.core.store.sqlite.Sql.prepend;
import static dev.omni.core.store.sqlite.Sql.update;

import dev.omni.core.model.ObjectId;
import dev.omni.server.store.ObjectIndex;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The object index in the server's SQLite file. Its commits need no fsync of their own: the pack
 * bytes are fsynced before their rows are written, and a start re-indexes what a power loss may
 * have taken from the end of the WAL (see {@code PackRecovery}).
 */
final class SqliteObjectIndex implements ObjectIndex {
    private static final int PAGE = 5000;
    private static final String COLUMNS = "id, pack, offset, size, stored, encoding";
    private static final String FIND = "SELECT " + COLUMNS + " FROM objects WHERE user_id = ? AND id = ?";

    private final SqliteDatabase db;

    SqliteObjectIndex(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Entry> find(String userId, ObjectId id) {
        return db.read(c -> {
            PreparedStatement ps = db.cached(c, FIND);
            ps.setString(1, userId);
            ps.setString(2, id.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public Set<ObjectId> present(String userId, Collection<ObjectId> ids) {
        List<String> hex = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(ObjectId::hex).toList()));
        if (hex.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(inChunks(hex, chunk -> db.read(c -> list(c, "SELECT id FROM objects WHERE user_id = ? AND id IN ("
                + placeholders(chunk.size()) + ")", rs -> ObjectId.parse(rs.getString(1)), prepend(userId, chunk)))));
    }

    @Override
    public Set<ObjectId> add(String userId, String pack, long packLength, List<Entry> entries) {
        return db.write(c -> {
            Set<ObjectId> added = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO objects (user_id, " + COLUMNS + ")"
                    + " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                for (Entry e : entries) {
                    ps.setString(1, userId);
                    ps.setString(2, e.id().hex());
                    ps.setString(3, pack);
                    if (pack == null) {
                        ps.setNull(4, java.sql.Types.INTEGER);
                    } else {
                        ps.setLong(4, e.offset());
                    }
                    ps.setLong(5, e.size());
                    ps.setLong(6, e.stored());
                    ps.setInt(7, e.encoding());
                    ps.addBatch();
                }
                int[] counts = entries.isEmpty() ? new int[0] : ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        added.add(entries.get(i).id());
                    }
                }
            }
            if (pack != null) {
                update(c, "INSERT INTO object_packs (user_id, name, length) VALUES (?,?,?)"
                        + " ON CONFLICT DO UPDATE SET length = max(length, excluded.length)", userId, pack, packLength);
            }
            return added;
        });
    }

    @Override
    public Map<String, Long> packs(String userId) {
        return db.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Object[] row : list(c, "SELECT name, length FROM object_packs WHERE user_id = ? ORDER BY name",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)}, userId)) {
                out.put((String) row[0], (Long) row[1]);
            }
            return out;
        });
    }

    @Override
    public List<String> users() {
        return db.read(c -> list(c, "SELECT DISTINCT user_id FROM objects ORDER BY user_id", rs -> rs.getString(1)));
    }

    @Override
    public void forEach(String userId, Consumer<Entry> each) {
        // Pages, each read on its own: a long read would keep the WAL from being checkpointed.
        String after = "";
        while (true) {
            String from = after;
            List<Entry> page = db.read(c -> list(c, "SELECT " + COLUMNS + " FROM objects WHERE user_id = ? AND id > ?"
                    + " ORDER BY id LIMIT " + PAGE, SqliteObjectIndex::map, userId, from));
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id().hex();
        }
    }

    @Override
    public Optional<String> state(String key) {
        return db.read(c -> one(c, "SELECT value FROM server_state WHERE key = ?", rs -> rs.getString(1), key));
    }

    @Override
    public void putState(String key, String value) {
        db.write(c -> update(c, "INSERT INTO server_state (key, value) VALUES (?, ?)"
                + " ON CONFLICT DO UPDATE SET value = excluded.value", key, value));
    }

    private static Entry map(ResultSet rs) throws SQLException {
        String pack = rs.getString(2);
        long offset = rs.getLong(3);
        return new Entry(ObjectId.parse(rs.getString(1)), pack, pack == null ? -1 : offset, rs.getLong(4), rs.getLong(5),
                rs.getInt(6));
    }
}
