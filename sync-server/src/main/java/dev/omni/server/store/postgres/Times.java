package dev.omni.server.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Server times are stored as epoch milliseconds, as in the SQLite store. */
final class Times {
    private Times() {
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
