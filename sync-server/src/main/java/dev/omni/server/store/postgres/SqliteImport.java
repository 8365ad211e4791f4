package dev.omni.server.store.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Copies the rows of a single-machine server's SQLite file ({@code server.db}) into PostgreSQL for
 * {@code omni-server migrate}, table by table in batches, keeping every id, hash and sequence
 * number: clients keep their tokens (stored hashed, copied as they are) and their listing cursors.
 * Rows that can change (accounts, tokens, codes, sessions, projects, workspaces) are upserted and
 * append-only rows inserted once, so a second run after an interruption, or after the old server
 * served a little longer, brings the target up to date and duplicates nothing.
 */
final class SqliteImport {
    private static final int BATCH = 1000;

    /** A table: its columns in both stores (SQLite name → PostgreSQL name), its key, and whether rows change. */
    private record Table(String name, Map<String, String> columns, String key, boolean mutable) {
        static Table of(String name, String key, boolean mutable, String... cols) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String c : cols) {
                String[] parts = c.split("->");
                m.put(parts[0], parts.length > 1 ? parts[1] : parts[0]);
            }
            return new Table(name, m, key, mutable);
        }
    }

    /** The metadata, in an order that satisfies the foreign keys. */
    private static final List<Table> METADATA = List.of(
            Table.of("users", "id", true, "id", "email", "name", "password_hash", "created_at", "disabled_at"),
            Table.of("device_codes", "device_code_hash", true, "device_code_hash", "user_code", "client_id", "device_name",
                    "scope", "requester_addr", "requester_agent", "status", "user_id", "created_at", "expires_at",
                    "interval_ms", "last_poll_at", "decided_at"),
            Table.of("access_tokens", "token_hash", true, "token_hash", "user_id", "client_id", "device_name", "created_at",
                    "expires_at", "revoked_at"),
            Table.of("web_sessions", "session_hash", true, "session_hash", "user_id", "csrf_token", "created_at",
                    "expires_at"),
            Table.of("projects", "user_id, id", true, "user_id", "id", "name", "main_workspace_id", "last_snapshot_id",
                    "created_at", "updated_at"),
            Table.of("workspaces", "user_id, id", true, "user_id", "id", "project_id", "name", "machine_id", "local_path",
                    "base_snapshot_id", "current_snapshot_id", "version", "last_seen_at", "created_at", "updated_at"),
            Table.of("snapshots", "seq", false, "seq", "user_id", "id", "project_id", "workspace_id", "manifest_hash",
                    "parents", "message", "source", "author", "created_at", "files", "bytes", "received_at"),
            Table.of("activity", "seq", false, "seq", "user_id", "project_id", "workspace_id", "snapshot_id", "type",
                    "actor", "message", "at"),
            Table.of("changes", "seq", false, "seq", "user_id", "device_id", "device_seq", "type", "entity_id", "op",
                    "data", "at", "received_at"));

    /** Where objects are, for a target that keeps the pack files on disk. */
    private static final List<Table> OBJECT_INDEX = List.of(
            Table.of("object_packs", "user_id, name", true, "user_id", "name", "length"),
            Table.of("objects", "user_id, id", false, "user_id", "id", "pack", "offset->pack_offset", "size", "stored",
                    "encoding"),
            Table.of("server_state", "key", true, "key", "value"));

    private static final List<Table> COMPLETE_TREES = List.of(
            Table.of("complete_trees", "user_id, tree_id", false, "user_id", "tree_id"));

    private final PostgresDatabase target;
    private final Path source;

    SqliteImport(PostgresDatabase target, Path source) {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no omni server database at " + source);
        }
        this.target = target;
        this.source = source;
    }

    /** Copies accounts, tokens, projects, workspaces, snapshots, activity and change logs; rows per table. */
    Map<String, Long> metadata() {
        return copy(METADATA);
    }

    /** Copies the object index as it is (for a target whose objects stay in the pack files on disk). */
    Map<String, Long> objectIndex() {
        return copy(OBJECT_INDEX);
    }

    /** Copies which trees were verified complete: last, once the objects they promise are there. */
    Map<String, Long> completeTrees() {
        return copy(COMPLETE_TREES);
    }

    private Map<String, Long> copy(List<Table> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // read-only
        try (Connection from = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + source.toAbsolutePath(), p)) {
            for (Table t : tables) {
                counts.put(t.name(), copy(from, t));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + source + ": " + e.getMessage(), e);
        }
        for (String seqTable : List.of("snapshots", "activity", "changes")) {
            if (counts.containsKey(seqTable)) {
                // New rows continue after the copied numbers, so that cursors clients hold stay valid.
                target.write(c -> PostgresDatabase.one(c, "SELECT setval(pg_get_serial_sequence('" + seqTable
                        + "', 'seq'), (SELECT coalesce(max(seq), 0) + 1 FROM " + seqTable + "), false)", rs -> 1));
            }
        }
        return counts;
    }

    private long copy(Connection from, Table t) throws SQLException {
        String sourceColumns = String.join(", ", t.columns().keySet().stream().map(c -> "\"" + c + "\"").toList());
        List<String> targetColumns = List.copyOf(t.columns().values());
        StringBuilder sql = new StringBuilder("INSERT INTO " + t.name() + " (" + String.join(", ", targetColumns)
                + ") VALUES (" + "?,".repeat(targetColumns.size() - 1) + "?)");
        if (t.mutable()) {
            sql.append(" ON CONFLICT (").append(t.key()).append(") DO UPDATE SET ");
            List<String> keys = List.of(t.key().split(",\\s*"));
            sql.append(String.join(", ", targetColumns.stream().filter(c -> !keys.contains(c))
                    .map(c -> c + " = excluded." + c).toList()));
            if (targetColumns.contains("updated_at")) {
                // Never take a target row back to an older state of the source.
                sql.append(" WHERE ").append(t.name()).append(".updated_at <= excluded.updated_at");
            }
        } else {
            sql.append(" ON CONFLICT DO NOTHING");
        }
        long n = 0;
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + sourceColumns + " FROM " + t.name() + " ORDER BY " + t.key())) {
            int width = targetColumns.size();
            java.util.ArrayList<Object[]> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
                if (rows.size() == BATCH) {
                    n += write(sql.toString(), rows);
                    rows.clear();
                }
            }
            n += write(sql.toString(), rows);
        }
        return n;
    }

    private long write(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        target.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        // SQLite hands back Integer or Long for INTEGER columns; PostgreSQL's are bigint.
                        ps.setObject(i + 1, row[i] instanceof Integer v ? Long.valueOf(v) : row[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return rows.size();
    }
}
