package dev.omni.server.store.postgres;

import static dev.omni.server.store.postgres.PostgresDatabase.list;
import static dev.omni.server.store.postgres.PostgresDatabase.one;
import static dev.omni.server.store.postgres.PostgresDatabase.update;

import dev.omni.core.model.ObjectId;
import dev.omni.server.store.ObjectIndex;
import dev.omni.server.store.postgres.PostgresDatabase.LongArray;
import dev.omni.server.store.postgres.PostgresDatabase.TextArray;
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
 * The object index on PostgreSQL. {@link #add} is one statement for a whole commit group
 * ({@code unnest} of arrays, {@code ON CONFLICT DO NOTHING RETURNING}): when two instances store
 * the same object at once, the first row wins and both answer success.
 */
final class PgObjectIndex implements ObjectIndex {
    private static final int PAGE = 5000;
    private static final String COLUMNS = "id, pack, pack_offset, size, stored, encoding";

    private final PostgresDatabase db;

    PgObjectIndex(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Entry> find(String userId, ObjectId id) {
        return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM objects WHERE user_id = ? AND id = ?",
                PgObjectIndex::map, userId, id.hex()));
    }

    @Override
    public Set<ObjectId> present(String userId, Collection<ObjectId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> hex = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(ObjectId::hex).toList()));
        return new HashSet<>(db.read(c -> list(c, "SELECT id FROM objects WHERE user_id = ? AND id = ANY(?)",
                rs -> ObjectId.parse(rs.getString(1)), userId, new TextArray(hex))));
    }

    @Override
    public Set<ObjectId> add(String userId, String pack, long packLength, List<Entry> entries) {
        int n = entries.size();
        List<String> ids = new ArrayList<>(n);
        Long[] offsets = new Long[n];
        Long[] sizes = new Long[n];
        Long[] stored = new Long[n];
        Long[] encodings = new Long[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            ids.add(e.id().hex());
            offsets[i] = pack == null ? null : e.offset();
            sizes[i] = e.size();
            stored[i] = e.stored();
            encodings[i] = (long) e.encoding();
        }
        return db.write(c -> {
            Set<ObjectId> added = new HashSet<>();
            if (n > 0) {
                added.addAll(list(c, "INSERT INTO objects (user_id, id, pack, pack_offset, size, stored, encoding)"
                                + " SELECT ?, t.id, ?, t.pack_offset, t.size, t.stored, t.encoding"
                                + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
                                + " AS t (id, pack_offset, size, stored, encoding)"
                                + " ON CONFLICT DO NOTHING RETURNING id",
                        rs -> ObjectId.parse(rs.getString(1)), userId, pack, new TextArray(ids), new LongArray(offsets),
                        new LongArray(sizes), new LongArray(stored), new LongArray(encodings)));
            }
            if (pack != null) {
                update(c, "INSERT INTO object_packs (user_id, name, length) VALUES (?,?,?)"
                        + " ON CONFLICT (user_id, name) DO UPDATE SET length = greatest(object_packs.length, excluded.length)",
                        userId, pack, packLength);
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
        String after = "";
        while (true) {
            String from = after;
            List<Entry> page = db.read(c -> list(c, "SELECT " + COLUMNS + " FROM objects WHERE user_id = ? AND id > ?"
                    + " ORDER BY id LIMIT " + PAGE, PgObjectIndex::map, userId, from));
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
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value));
    }

    private static Entry map(ResultSet rs) throws SQLException {
        String pack = rs.getString(2);
        long offset = rs.getLong(3);
        return new Entry(ObjectId.parse(rs.getString(1)), pack, pack == null ? -1 : offset, rs.getLong(4), rs.getLong(5),
                rs.getInt(6));
    }
}
