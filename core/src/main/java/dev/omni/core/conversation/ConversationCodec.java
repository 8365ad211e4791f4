package dev.omni.core.conversation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON of conversations and messages, with snake_case keys: in the outbox, in
 * {@code conv export --format json}, and in {@code --json} output. Written with the streaming
 * generator, so that the blocks and usage of a message go out as the JSON they are and an import
 * of many thousands of messages spends little on it.
 */
public final class ConversationCodec {
    private ConversationCodec() {
    }

    public static String toJson(Conversation c) {
        return write(g -> conversationFields(g, c));
    }

    public static String toJson(Message m) {
        return write(g -> messageFields(g, m, true));
    }

    /** A conversation as {@link #toJson(Conversation)} wrote it (another device's, through sync). */
    public static Conversation conversationFromJson(JsonNode n) {
        return new Conversation(required(n, "id"), required(n, "source"), required(n, "external_id"), text(n, "project_id"),
                text(n, "workspace_id"), text(n, "title"), text(n, "cwd"), text(n, "model"), text(n, "source_path"),
                n.path("message_count").asLong(), n.path("input_tokens").asLong(), n.path("output_tokens").asLong(),
                Times.parse(text(n, "started_at")), Times.parse(text(n, "last_message_at")),
                Times.parse(required(n, "created_at")), Times.parse(required(n, "updated_at")), Times.parse(text(n, "deleted_at")),
                required(n, "device_id"));
    }

    /** A message as {@link #toJson(Message)} wrote it, with its conversation's id. */
    public static Message messageFromJson(JsonNode n) {
        if (!n.path("seq").canConvertToLong() || n.path("seq").asLong() < 1) {
            throw OmniException.invalid("a message needs a positive seq");
        }
        return new Message(required(n, "id"), required(n, "conversation_id"), n.path("seq").asLong(), required(n, "external_id"),
                text(n, "parent_external_id"), Role.parse(text(n, "role")), required(n, "content"), rawText(n, "blocks"),
                text(n, "model"), longOrNull(n, "input_tokens"), longOrNull(n, "output_tokens"), rawText(n, "usage"),
                Times.parse(text(n, "created_at")), text(n, "response_id"));
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw OmniException.invalid("'" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String rawText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Json.write(v);
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.canConvertToLong() ? null : v.asLong();
    }

    /** Writes a conversation's fields into the current object. */
    public static void conversationFields(JsonGenerator g, Conversation c) throws IOException {
        g.writeStringField("id", c.id());
        g.writeStringField("source", c.source());
        g.writeStringField("external_id", c.externalId());
        g.writeStringField("project_id", c.projectId());
        g.writeStringField("workspace_id", c.workspaceId());
        g.writeStringField("title", c.title());
        g.writeStringField("cwd", c.cwd());
        g.writeStringField("model", c.model());
        g.writeStringField("source_path", c.sourcePath());
        g.writeNumberField("message_count", c.messageCount());
        g.writeNumberField("input_tokens", c.inputTokens());
        g.writeNumberField("output_tokens", c.outputTokens());
        time(g, "started_at", c.startedAt());
        time(g, "last_message_at", c.lastMessageAt());
        time(g, "created_at", c.createdAt());
        time(g, "updated_at", c.updatedAt());
        time(g, "deleted_at", c.deletedAt());
        g.writeStringField("device_id", c.deviceId());
    }

    /** Writes a message's fields into the current object; {@code withConversation} adds its conversation's id. */
    public static void messageFields(JsonGenerator g, Message m, boolean withConversation) throws IOException {
        g.writeStringField("id", m.id());
        if (withConversation) {
            g.writeStringField("conversation_id", m.conversationId());
        }
        g.writeNumberField("seq", m.seq());
        g.writeStringField("external_id", m.externalId());
        g.writeStringField("parent_external_id", m.parentExternalId());
        g.writeStringField("role", m.role().wire());
        g.writeStringField("content", m.content());
        raw(g, "blocks", m.blocks());
        g.writeStringField("model", m.model());
        number(g, "input_tokens", m.inputTokens());
        number(g, "output_tokens", m.outputTokens());
        raw(g, "usage", m.usage());
        time(g, "created_at", m.createdAt());
        if (m.responseId() != null) {
            g.writeStringField("response_id", m.responseId());
        }
    }

    private static void raw(JsonGenerator g, String name, String json) throws IOException {
        g.writeFieldName(name);
        if (json == null) {
            g.writeNull();
        } else {
            g.writeRawValue(json);
        }
    }

    private static void number(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void time(JsonGenerator g, String name, Instant t) throws IOException {
        g.writeStringField(name, t == null ? null : Times.format(t));
    }

    /** Fields written into one object. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    static String write(Fields f) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            f.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
