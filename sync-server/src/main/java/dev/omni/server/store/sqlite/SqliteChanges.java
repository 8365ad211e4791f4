package dev.omni.server.store.sqlite;

import static dev.omni.core.store.sqlite.Sql.list;
import static dev.omni.core.store.sqlite.Sql.update;

import dev.omni.core.store.sqlite.Sql;
import dev.omni.server.store.Change;
import dev.omni.server.store.ChangeRepository;
import dev.omni.server.store.Page;
import java.time.Instant;
import java.util.List;

final class SqliteChanges implements ChangeRepository {
    private final SqliteDatabase db;

    SqliteChanges(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public long append(String userId, String deviceId, List<Change> changes, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            for (Change ch : changes) {
                // First write wins: a retry (or a replay) of a seq is ignored.
                update(c, "INSERT INTO changes (user_id, device_id, device_seq, type, entity_id, op, data, at, received_at)"
                                + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (user_id, device_id, device_seq) DO NOTHING",
                        userId, deviceId, ch.seq(), ch.type(), ch.entityId(), ch.op(), ch.data(), ch.at(), t);
            }
            return Sql.one(c, "SELECT max(device_seq) FROM changes WHERE user_id = ? AND device_id = ?",
                    rs -> rs.getLong(1), userId, deviceId).orElse(0L);
        });
    }

    @Override
    public Page<Change> after(String userId, String excludeDevice, long afterCursor, int limit) {
        List<Change> rows = db.read(c -> list(c, "SELECT seq, device_id, device_seq, type, entity_id, op, data, at"
                        + " FROM changes WHERE user_id = ? AND seq > ? AND device_id IS NOT ? ORDER BY seq LIMIT ?",
                rs -> new Change(rs.getString("device_id"), rs.getLong("device_seq"), rs.getString("type"),
                        rs.getString("entity_id"), rs.getString("op"), rs.getString("data"), rs.getString("at"),
                        rs.getLong("seq")),
                userId, afterCursor, excludeDevice, limit + 1));
        return SqliteSync.page(rows, limit, afterCursor, Change::cursor);
    }
}
