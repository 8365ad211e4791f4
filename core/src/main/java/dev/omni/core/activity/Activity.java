package dev.omni.core.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.store.Database;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for the activity log; events are written in the same transaction as what they record. */
public final class Activity {
    private Activity() {
    }

    /** Records an event of this machine; it goes to the outbox too, for the other machines. */
    public static void record(Connection c, ActivityEvent e) throws SQLException {
        Database.update(c, "INSERT INTO activity(id, project_id, workspace_id, type, actor, snapshot_id, message, data, created_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)", e.id(), e.projectId(), e.workspaceId(), e.type(), e.actor(),
                e.snapshotId(), e.message(), e.data(), Times.format(e.createdAt()));
        Outbox.append(c, Outbox.ACTIVITY, e.id(), "create", toJson(e), e.createdAt());
    }

    /** Records another machine's event (sync), once: an event already here is left alone. No outbox entry. */
    public static Applied recordRemote(Connection c, ActivityEvent e) throws SQLException {
        int n = Database.update(c, "INSERT OR IGNORE INTO activity(id, project_id, workspace_id, type, actor, snapshot_id, message,"
                        + " data, created_at) VALUES (?,?,?,?,?,?,?,?,?)", e.id(), e.projectId(), e.workspaceId(), e.type(), e.actor(),
                e.snapshotId(), e.message(), e.data(), Times.format(e.createdAt()));
        return n == 1 ? Applied.APPLIED : Applied.UNCHANGED;
    }

    /** The event as it travels: snake_case keys, {@code data} as the JSON text it is stored as. */
    public static String toJson(ActivityEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("project_id", e.projectId());
        m.put("workspace_id", e.workspaceId());
        m.put("type", e.type());
        m.put("actor", e.actor());
        m.put("snapshot_id", e.snapshotId());
        m.put("message", e.message());
        m.put("data", e.data());
        m.put("created_at", Times.format(e.createdAt()));
        return Json.write(m);
    }

    public static ActivityEvent fromJson(JsonNode n) {
        String id = text(n, "id");
        String type = text(n, "type");
        Instant at = Times.parse(text(n, "created_at"));
        if (id == null || type == null || at == null) {
            throw OmniException.invalid("an activity event needs id, type and created_at");
        }
        String actor = text(n, "actor");
        return new ActivityEvent(id, text(n, "project_id"), text(n, "workspace_id"), type, actor == null ? "system" : actor,
                text(n, "snapshot_id"), text(n, "message"), text(n, "data"), at);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Newest first; {@code projectId} null for all projects. */
    public static List<ActivityEvent> list(Connection c, String projectId, int limit) throws SQLException {
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
