package dev.omni.core.workspace;

import dev.omni.core.model.SnapshotId;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for workspaces; {@link WorkspaceService} is their API. */
final class Workspaces {
    private static final String COLS = "id, project_id, name, machine_id, local_path, base_snapshot_id,"
            + " current_snapshot_id, last_seen_at, created_at, version, merge_history";

    private Workspaces() {
    }

    static void insert(Connection c, Workspace w) throws SQLException {
        Database.update(c, "INSERT INTO workspaces(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", w.id(), w.projectId(),
                w.name(), w.machineId(), w.localPath() == null ? null : w.localPath().toString(), str(w.baseSnapshot()),
                str(w.currentSnapshot()), w.lastSeenAt() == null ? null : Times.format(w.lastSeenAt()),
                Times.format(w.createdAt()), w.version(), w.mergeHistory());
    }

    /** Moves the head to {@code snap}, bumps the version and the last-seen time. */
    static void setCurrent(Connection c, String workspaceId, SnapshotId snap, Instant now) throws SQLException {
        Database.update(c, "UPDATE workspaces SET current_snapshot_id = ?, version = version + 1, last_seen_at = ? WHERE id = ?",
                str(snap), Times.format(now), workspaceId);
    }

    static void setBase(Connection c, String workspaceId, SnapshotId snap) throws SQLException {
        Database.update(c, "UPDATE workspaces SET base_snapshot_id = ? WHERE id = ?", str(snap), workspaceId);
    }

    static void touch(Connection c, String workspaceId, Instant now) throws SQLException {
        Database.update(c, "UPDATE workspaces SET last_seen_at = ? WHERE id = ?", Times.format(now), workspaceId);
    }

    static Optional<Workspace> find(Connection c, String id) throws SQLException {
        List<Workspace> l = query(c, "SELECT " + COLS + " FROM workspaces WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The project's workspaces (removed ones left out). */
    static List<Workspace> ofProject(Connection c, String projectId) throws SQLException {
        return query(c, "SELECT " + COLS + " FROM workspaces WHERE project_id = ? AND removed_at IS NULL ORDER BY created_at", projectId);
    }

    static List<Workspace> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLS + " FROM workspaces WHERE removed_at IS NULL ORDER BY project_id, created_at");
    }

    static List<Workspace> atPath(Connection c, Path path) throws SQLException {
        return query(c, "SELECT " + COLS + " FROM workspaces WHERE local_path = ? AND removed_at IS NULL", path.toString());
    }

    static void setLocalPath(Connection c, String workspaceId, Path root) throws SQLException {
        Database.update(c, "UPDATE workspaces SET local_path = ? WHERE id = ?", root.toString(), workspaceId);
    }

    static void rename(Connection c, String workspaceId, String name) throws SQLException {
        Database.update(c, "UPDATE workspaces SET name = ? WHERE id = ?", name, workspaceId);
    }

    /** Marks the workspace removed; its name is freed (the row keeps it with a suffix). */
    static void markRemoved(Connection c, Workspace w, Instant now) throws SQLException {
        Database.update(c, "UPDATE workspaces SET removed_at = ?, name = ? WHERE id = ?", Times.format(now),
                w.name() + "@removed-" + w.id(), w.id());
    }

    static String mergeHistory(Connection c, String workspaceId) throws SQLException {
        return Database.queryString(c, "SELECT merge_history FROM workspaces WHERE id = ?", workspaceId);
    }

    static void setMergeHistory(Connection c, String workspaceId, String json) throws SQLException {
        Database.update(c, "UPDATE workspaces SET merge_history = ? WHERE id = ?", json, workspaceId);
    }

    /** Whether a merge into the workspace waits in {@code merge_state} (the merge package's table). */
    static boolean mergeInProgress(Connection c, String workspaceId) throws SQLException {
        return Database.queryLong(c, "SELECT 1 FROM merge_state WHERE workspace_id = ?", 0, workspaceId) == 1;
    }

    static String str(SnapshotId s) {
        return s == null ? null : s.value();
    }

    static List<Workspace> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Workspace> out = new ArrayList<>();
                while (rs.next()) {
                    String path = rs.getString(5);
                    String base = rs.getString(6);
                    String cur = rs.getString(7);
                    out.add(new Workspace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            path == null ? null : Path.of(path), base == null ? null : new SnapshotId(base),
                            cur == null ? null : new SnapshotId(cur), Times.parse(rs.getString(8)),
                            Times.parse(rs.getString(9)), rs.getLong(10), rs.getString(11)));
                }
                return out;
            }
        }
    }
}
