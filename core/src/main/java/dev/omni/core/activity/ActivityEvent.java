package dev.omni.core.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of the local activity log (project.created, snapshot.created, restore.completed, …). */
public record ActivityEvent(String id, String projectId, String workspaceId, String type, String actor, String snapshotId,
                            String message, String data, Instant createdAt) {

    /** The event as it travels: snake_case keys, {@code data} as the JSON text it is stored as. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("project_id", projectId);
        m.put("workspace_id", workspaceId);
        m.put("type", type);
        m.put("actor", actor);
        m.put("snapshot_id", snapshotId);
        m.put("message", message);
        m.put("data", data);
        m.put("created_at", Times.format(createdAt));
        return Json.write(m);
    }

    /** An event as it travelled; a malformed one is an INVALID_INPUT error. */
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
}
