package dev.omni.server.store.postgres;

import static dev.omni.server.store.postgres.PostgresDatabase.list;

import dev.omni.server.store.Change;
import dev.omni.server.store.ChangeRepository;
import dev.omni.server.store.Page;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

final class PgChanges implements ChangeRepository {
    private final PostgresDatabase db;

    PgChanges(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public long append(String userId, String deviceId, List<Change> changes, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            PostgresDatabase.lockListing(c, "changes/" + userId);
            if (!changes.isEmpty()) {
                // First write wins: a retry (or a replay) of a seq is ignored.
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO changes (user_id, device_id, device_seq, type,"
                        + " entity_id, op, data, at, received_at) VALUES (?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (user_id, device_id, device_seq) DO NOTHING")) {
                    for (Change ch : changes) {
                        PostgresDatabase.bind(c, ps, userId, deviceId, ch.seq(), ch.type(), ch.entityId(), ch.op(),
                                ch.data(), ch.at(), t);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return PostgresDatabase.one(c, "SELECT coalesce(max(device_seq), 0) FROM changes WHERE user_id = ?"
                    + " AND device_id = ?", rs -> rs.getLong(1), userId, deviceId).orElse(0L);
        });
    }

    @Override
    public Page<Change> after(String userId, String excludeDevice, long afterCursor, int limit) {
        List<Change> rows = db.read(c -> list(c, "SELECT seq, device_id, device_seq, type, entity_id, op, data, at"
                        + " FROM changes WHERE user_id = ? AND seq > ? AND device_id IS DISTINCT FROM ? ORDER BY seq LIMIT ?",
                rs -> new Change(rs.getString("device_id"), rs.getLong("device_seq"), rs.getString("type"),
                        rs.getString("entity_id"), rs.getString("op"), rs.getString("data"), rs.getString("at"),
                        rs.getLong("seq")),
                userId, afterCursor, excludeDevice, limit + 1));
        return PgSync.page(rows, limit, afterCursor, Change::cursor);
    }
}
