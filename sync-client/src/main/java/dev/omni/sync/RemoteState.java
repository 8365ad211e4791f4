package dev.omni.sync;

import dev.omni.core.model.SnapshotId;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** SQL for what this store knows of a server (schema V4): projects, workspaces, snapshots, cursors. */
public final class RemoteState {
    private RemoteState() {
    }

    /** A workspace's head on the server, as last seen, with its version. */
    public record Head(long version, String snapshot) {
    }

    public static boolean hasProject(Connection c, String server, String projectId) throws SQLException {
        return Database.queryLong(c, "SELECT 1 FROM remote_projects WHERE server = ? AND project_id = ?", 0, server, projectId) == 1;
    }

    public static void addProject(Connection c, String server, String projectId, Instant now) throws SQLException {
        Database.update(c, "INSERT OR IGNORE INTO remote_projects(server, project_id, registered_at) VALUES (?,?,?)", server, projectId,
                Times.format(now));
    }

    public static Optional<Head> head(Connection c, String server, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, head FROM remote_workspaces WHERE server = ? AND workspace_id = ?")) {
            ps.setString(1, server);
            ps.setString(2, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Head(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public static void setHead(Connection c, String server, String workspaceId, long version, String head, Instant now) throws SQLException {
        Database.update(c, "INSERT OR REPLACE INTO remote_workspaces(server, workspace_id, version, head, synced_at) VALUES (?,?,?,?,?)",
                server, workspaceId, version, head, Times.format(now));
    }

    public static Set<SnapshotId> snapshots(Connection c, String server) throws SQLException {
        Set<SnapshotId> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id FROM remote_snapshots WHERE server = ?")) {
            ps.setString(1, server);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SnapshotId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    public static void addSnapshot(Connection c, String server, SnapshotId id, Instant now) throws SQLException {
        Database.update(c, "INSERT OR IGNORE INTO remote_snapshots(server, snapshot_id, at) VALUES (?,?,?)", server, id.value(),
                Times.format(now));
    }

    public static String cursor(Connection c, String server, String name) throws SQLException {
        return Database.queryString(c, "SELECT cursor FROM sync_cursors WHERE server = ? AND name = ?", server, name);
    }

    public static void setCursor(Connection c, String server, String name, String cursor) throws SQLException {
        Database.update(c, "INSERT OR REPLACE INTO sync_cursors(server, name, cursor) VALUES (?,?,?)", server, name, cursor);
    }
}
