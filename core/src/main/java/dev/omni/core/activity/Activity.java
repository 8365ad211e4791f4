package dev.omni.core.activity;

import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL for the activity log; {@link ActivityService} is its API. */
final class Activity {
    private Activity() {
    }

    /** Records an event of this machine; it goes to the outbox too, for the other machines. */
    static void record(Connection c, ActivityEvent e) throws SQLException {
        Database.update(c, "INSERT INTO activity(id, project_id, workspace_id, type, actor, snapshot_id, message, data, created_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)", e.id(), e.projectId(), e.workspaceId(), e.type(), e.actor(),
                e.snapshotId(), e.message(), e.data(), Times.format(e.createdAt()));
        Outbox.append(Outbox.ACTIVITY, e.id(), "create", e.toJson(), e.createdAt());
    }

    /** Records another machine's event (sync), once: an event already here is left alone. No outbox entry. */
    static Applied recordRemote(Connection c, ActivityEvent e) throws SQLException {
        int n = Database.update(c, "INSERT OR IGNORE INTO activity(id, project_id, workspace_id, type, actor, snapshot_id, message,"
                        + " data, created_at) VALUES (?,?,?,?,?,?,?,?,?)", e.id(), e.projectId(), e.workspaceId(), e.type(), e.actor(),
                e.snapshotId(), e.message(), e.data(), Times.format(e.createdAt()));
        return n == 1 ? Applied.APPLIED : Applied.UNCHANGED;
    }

    /** Newest first; {@code projectId} null for all projects. */
    static List<ActivityEvent> list(Connection c, String projectId, int limit) throws SQLException {
        String sql = "SELECT id, project_id, workspace_id, type, actor, snapshot_id, message, data, created_at FROM activity"
                + (projectId == null ? "" : " WHERE project_id = ?") + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (projectId != null) {
                ps.setString(i++, projectId);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<ActivityEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ActivityEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Times.parse(rs.getString(9))));
                }
                return out;
            }
        }
    }
}
