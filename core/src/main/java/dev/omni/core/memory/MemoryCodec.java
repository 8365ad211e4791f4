package dev.omni.core.memory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.model.Ulid;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of a memory item, with snake_case keys: in the outbox and the history, in
 * {@code memory export --format jsonl}, and in {@code --json} output.
 */
public final class MemoryCodec {
    private MemoryCodec() {
    }

    /** The item's fields; {@code localStats} adds the access count, which is not synced. */
    public static Map<String, Object> toMap(MemoryItem m, boolean localStats) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id());
        o.put("project_id", m.projectId());
        o.put("type", m.type().wire());
        o.put("content", m.content());
        o.put("rationale", m.rationale());
        o.put("category", m.category() == null ? null : m.category().wire());
        o.put("status", m.status() == null ? null : m.status().wire());
        o.put("priority", m.priority());
        o.put("effort", m.effort() == null ? null : m.effort().wire());
        o.put("tags", m.tags());
        o.put("importance", m.importance());
        o.put("source_kind", m.sourceKind());
        o.put("source_id", m.sourceId());
        o.put("created_at", Times.format(m.createdAt()));
        o.put("updated_at", Times.format(m.updatedAt()));
        o.put("deleted_at", m.deletedAt() == null ? null : Times.format(m.deletedAt()));
        o.put("device_id", m.deviceId());
        o.put("version", m.version());
        if (localStats) {
            o.put("access_count", m.accessCount());
            o.put("accessed_at", m.accessedAt() == null ? null : Times.format(m.accessedAt()));
        }
        return o;
    }

    public static String toJson(MemoryItem m) {
        return Json.write(toMap(m, false));
    }

    public static String tagsJson(List<String> tags) {
        return Json.write(tags);
    }

    /** Tags as stored (a JSON array of strings), read with the streaming parser: no mapper at start-up. */
    public static List<String> parseTags(String json) {
        List<String> out = new ArrayList<>();
        if (json == null || json.isEmpty()) {
            return out;
        }
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return out;
            }
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            }
        } catch (IOException e) {
            throw OmniException.corrupt("memory tags are damaged: " + json);
        }
        return out;
    }

    /**
     * An item from its JSON (an export line, a change from another device). Every field is checked;
     * a bad one is an {@link OmniException} of kind INVALID_INPUT naming the field.
     */
    public static MemoryItem fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw OmniException.invalid("not a JSON object");
        }
        String id = text(n, "id", true);
        if (!Ulid.isValid(id)) {
            throw OmniException.invalid("'id' is not a ULID: " + id);
        }
        MemoryType type = MemoryType.parse(text(n, "type", true));
        List<String> tags = new ArrayList<>();
        JsonNode t = n.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw OmniException.invalid("'tags' is not an array");
            }
            t.forEach(x -> tags.add(x.asText()));
        }
        String category = text(n, "category", false);
        String status = text(n, "status", false);
        String effort = text(n, "effort", false);
        JsonNode pri = n.get("priority");
        JsonNode imp = n.get("importance");
        if (imp != null && !imp.isNull() && !imp.isNumber()) {
            throw OmniException.invalid("'importance' is not a number");
        }
        if (pri != null && !pri.isNull() && !pri.isIntegralNumber()) {
            throw OmniException.invalid("'priority' is not a whole number");
        }
        JsonNode access = n.get("access_count");
        MemoryItem m = new MemoryItem.Builder()
                .id(id)
                .projectId(text(n, "project_id", false))
                .type(type)
                .content(text(n, "content", true))
                .rationale(text(n, "rationale", false))
                .category(category == null ? null : DecisionCategory.parse(category))
                .status(status == null ? null : NextStatus.parse(status))
                .priority(pri == null || pri.isNull() ? null : pri.intValue())
                .effort(effort == null ? null : Effort.parse(effort))
                .tags(tags)
                .importance(imp == null || imp.isNull() ? 0.5 : imp.doubleValue())
                .source(text(n, "source_kind", false), text(n, "source_id", false))
                .access(access == null || !access.canConvertToLong() ? 0 : access.longValue(), time(n, "accessed_at", false))
                .createdAt(time(n, "created_at", true))
                .updatedAt(time(n, "updated_at", true))
                .deletedAt(time(n, "deleted_at", false))
                .deviceId(text(n, "device_id", true))
                .version(n.path("version").canConvertToLong() ? Math.max(1, n.path("version").longValue()) : 1)
                .build();
        MemoryRules.check(m);
        return m;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw OmniException.invalid("'" + field + "' is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw OmniException.invalid("'" + field + "' is not a string");
        }
        return v.asText();
    }

    private static Instant time(JsonNode n, String field, boolean required) {
        String s = text(n, field, required);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw OmniException.invalid("'" + field + "' is not an ISO-8601 time: " + s);
        }
    }
}
