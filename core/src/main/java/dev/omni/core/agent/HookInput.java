package dev.omni.core.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent hands a hook: Claude Code's (and Codex's) stdin JSON ({@code session_id},
 * {@code transcript_path}, {@code cwd}, {@code hook_event_name}, {@code prompt}, …) or Codex's
 * {@code notify} argument ({@code type}, {@code thread-id}, {@code cwd}, {@code input-messages}).
 * Read with the streaming parser: a hook runs at every turn and must start fast.
 */
public record HookInput(Map<String, String> fields, List<String> inputMessages) {
    public HookInput {
        fields = Map.copyOf(fields);
        inputMessages = List.copyOf(inputMessages);
    }

    public static HookInput parse(String json) {
        Map<String, String> f = new HashMap<>();
        List<String> inputs = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw OmniException.invalid("the hook input is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY && name.equals("input-messages")) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.VALUE_STRING) {
                            inputs.add(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (t != JsonToken.VALUE_NULL) {
                    f.put(name, p.getText());
                }
            }
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int at = m.indexOf(" at [Source");
            throw OmniException.invalid("the hook input is not valid JSON: " + (at < 0 ? m : m.substring(0, at)).replace('\n', ' ').strip());
        }
        return new HookInput(f, inputs);
    }

    public String get(String name) {
        String v = fields.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The event: Claude Code's {@code hook_event_name}, or Codex notify's {@code type}. */
    public String event() {
        return get("hook_event_name") != null ? get("hook_event_name") : get("type");
    }

    public String sessionId() {
        return get("session_id") != null ? get("session_id") : get("thread-id");
    }
}
