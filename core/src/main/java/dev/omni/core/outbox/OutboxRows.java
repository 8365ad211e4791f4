package dev.omni.core.outbox;

import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for the outbox table; {@link Outbox} is its API. */
final class OutboxRows {
    private OutboxRows() {
    }

    /** Appends one change; {@code data} is the entity's full state after it, as JSON, or {@link Outbox#DATA_AT_PUSH}. */
    static void append(Connection c, String type, String entityId, String op, String data, Instant at) throws SQLException {
        Database.update(c, "INSERT INTO outbox(type, entity_id, op, data, at) VALUES (?,?,?,?,?)", type, entityId, op, data,
                Times.format(at));
    }

    /** A prepared statement for bulk appends (an import of thousands of messages). */
    static PreparedStatement bulk(Connection c) throws SQLException {
        return c.prepareStatement("INSERT INTO outbox(type, entity_id, op, data, at) VALUES (?,?,?,?,?)");
    }

    /** Appends through one prepared statement; rows are written at the latest by close(). */
    static final class Bulk implements AutoCloseable {
        /** Rows sent to SQLite at once: one call into the driver's native code instead of one per row. */
        private static final int BATCH = 512;
        private final PreparedStatement ps;
        private int pending;

        Bulk(PreparedStatement ps) {
            this.ps = ps;
        }

        void append(String type, String entityId, String op, String data, String at) {
            try {
                ps.setString(1, type);
                ps.setString(2, entityId);
                ps.setString(3, op);
                ps.setString(4, data);
                ps.setString(5, at);
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            } catch (SQLException e) {
                throw Database.translate("write to the outbox", e);
            }
        }

        /** Writes what is batched and releases the statement. */
        @Override
        public void close() {
            try {
                try {
                    if (pending > 0) {
                        ps.executeBatch();
                    }
                } finally {
                    ps.close();
                }
            } catch (SQLException e) {
                throw Database.translate("write to the outbox", e);
            }
        }
    }

    /** Changes not pushed yet, oldest first, as stored. */
    static List<OutboxEntry> pending(Connection c, int limit) throws SQLException {
        return query(c, "SELECT seq, type, entity_id, op, data, at, pushed_at FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?", limit);
    }

    /** All changes after {@code afterSeq}, pushed or not, oldest first, as stored. */
    static List<OutboxEntry> since(Connection c, long afterSeq, int limit) throws SQLException {
        return query(c, "SELECT seq, type, entity_id, op, data, at, pushed_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                afterSeq, limit);
    }

    /**
     * Drops every change up to and including {@code upToSeq}: the server holds them durably (it
     * acknowledged them), and a message's full text need not stay here twice. Seqs are never
     * reused (AUTOINCREMENT), so the next change still gets a higher one.
     */
    static int acknowledge(Connection c, long upToSeq) throws SQLException {
        return Database.update(c, "DELETE FROM outbox WHERE seq <= ?", upToSeq);
    }

    /** Drops changes that will never be pushed (their entity is gone before it went out). */
    static int discard(Connection c, List<Long> seqs) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            for (long seq : seqs) {
                ps.setLong(1, seq);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** Pending changes of these types after {@code afterSeq} that carry their data, oldest first. */
    static List<OutboxEntry> pendingWithData(Connection c, List<String> types, long afterSeq, int limit) throws SQLException {
        String in = "?" + ",?".repeat(types.size() - 1);
        Object[] args = new Object[types.size() + 2];
        args[0] = afterSeq;
        for (int i = 0; i < types.size(); i++) {
            args[i + 1] = types.get(i);
        }
        args[args.length - 1] = limit;
        return query(c, "SELECT seq, type, entity_id, op, data, at, pushed_at FROM outbox WHERE seq > ? AND pushed_at IS NULL"
                + " AND data <> '' AND type IN (" + in + ") ORDER BY seq LIMIT ?", args);
    }

    /** Replaces the data of a pending change. */
    static void rewrite(Connection c, long seq, String data) throws SQLException {
        Database.update(c, "UPDATE outbox SET data = ? WHERE seq = ? AND pushed_at IS NULL", data, seq);
    }

    static long unpushed(Connection c) throws SQLException {
        return Database.queryLong(c, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL", 0);
    }

    private static List<OutboxEntry> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<OutboxEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Times.parse(rs.getString(6)), Times.parse(rs.getString(7))));
                }
                return out;
            }
        }
    }
}
