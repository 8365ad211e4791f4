package dev.omni.core.sync;

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

/** SQL for what this store knows of a server (schema V4): projects, workspaces, snapshots, cursors, the inbox. */
final class RemoteState {
    private RemoteState() {
    }

    static boolean hasProject(Connection c, String server, String projectId) throws SQLException {
        return Database.queryLong(c, "SELECT 1 FROM remote_projects WHERE server = ? AND project_id = ?", 0, server, projectId) == 1;
    }

    static void addProject(Connection c, String server, String projectId, Instant now) throws SQLException {
        Database.update(c, "INSERT OR IGNORE INTO remote_projects(server, project_id, registered_at) VALUES (?,?,?)", server, projectId,
                Times.format(now));
    }

    static Optional<SyncState.Head> head(Connection c, String server, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, head FROM remote_workspaces WHERE server = ? AND workspace_id = ?")) {
            ps.setString(1, server);
            ps.setString(2, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SyncState.Head(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    static void setHead(Connection c, String server, String workspaceId, long version, String head, Instant now) throws SQLException {
        Database.update(c, "INSERT OR REPLACE INTO remote_workspaces(server, workspace_id, version, head, synced_at) VALUES (?,?,?,?,?)",
                server, workspaceId, version, head, Times.format(now));
    }

    static Set<SnapshotId> snapshots(Connection c, String server) throws SQLException {
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

    static void addSnapshot(Connection c, String server, SnapshotId id, Instant now) throws SQLException {
        Database.update(c, "INSERT OR IGNORE INTO remote_snapshots(server, snapshot_id, at) VALUES (?,?,?)", server, id.value(),
                Times.format(now));
    }

    static String cursor(Connection c, String server, String name) throws SQLException {
        return Database.queryString(c, "SELECT cursor FROM sync_cursors WHERE server = ? AND name = ?", server, name);
    }

    static void setCursor(Connection c, String server, String name, String cursor) throws SQLException {
        Database.update(c, "INSERT OR REPLACE INTO sync_cursors(server, name, cursor) VALUES (?,?,?)", server, name, cursor);
    }

    /** The highest seq any server acknowledged of this device's changes, or -1. */
    static long highestCursor(Connection c, String name) throws SQLException {
        return Database.queryLong(c, "SELECT coalesce(max(CAST(cursor AS INTEGER)), -1) FROM sync_cursors WHERE name = ?", -1, name);
    }

    static boolean inInbox(Connection c, String device, long seq) throws SQLException {
        return Database.queryLong(c, "SELECT count(*) FROM inbox WHERE device_id = ? AND seq = ?", 0, device, seq) > 0;
    }

    static void addToInbox(Connection c, RemoteChange ch, Instant appliedAt) throws SQLException {
        Database.update(c, "INSERT INTO inbox(device_id, seq, type, entity_id, op, at, applied_at) VALUES (?,?,?,?,?,?,?)",
                ch.deviceId(), ch.seq(), ch.type(), ch.entityId(), ch.op(), ch.at(), Times.format(appliedAt));
    }
}
