package dev.omni.cli.support;

import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationCodec;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How conversations look in JSON (the shape of the outbox and of exports) and in one line of text. */
public final class ConversationViews {
    private ConversationViews() {
    }

    public static Object conversation(Conversation c) {
        return parse(ConversationCodec.toJson(c));
    }

    public static Object message(Message m) {
        return parse(ConversationCodec.toJson(m));
    }

    public static Map<String, Object> hit(MessageHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conversation_id", h.conversationId());
        m.put("conversation_title", h.conversationTitle());
        m.put("message_id", h.messageId());
        m.put("seq", h.seq());
        m.put("role", h.role().wire());
        m.put("created_at", h.createdAt() == null ? null : Times.format(h.createdAt()));
        m.put("project_id", h.projectId());
        m.put("workspace_id", h.workspaceId());
        m.put("score", h.score());
        m.put("snippet", Marks.json(h.snippet()));
        return m;
    }

    public static Map<String, Object> report(ConversationService.FileReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file().toString());
        m.put("format", r.format() == null ? null : r.format().source());
        m.put("rejected", r.rejected());
        m.put("conversations", r.conversations().stream().map(i -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", i.conversation().id());
            c.put("title", i.conversation().title());
            c.put("workspace_id", i.conversation().workspaceId());
            c.put("created", i.created());
            c.put("added_messages", i.added());
            c.put("removed", i.removed());
            return c;
        }).toList());
        m.put("problems", r.problems().stream().map(InputProblem::toString).toList());
        m.put("skipped", r.skipped());
        m.put("redacted", r.redacted());
        return m;
    }

    /** {@code ID  when  source  N msgs  title}. */
    public static String line(Conversation c, String where, Style st) {
        String when = c.lastMessageAt() != null ? Times.format(c.lastMessageAt()).substring(0, 16).replace('T', ' ')
                : Times.format(c.createdAt()).substring(0, 16).replace('T', ' ');
        return st.dim(c.id()) + "  " + when + "  " + st.cyan(String.format("%-6s", c.source())) + " "
                + String.format("%5d msgs", c.messageCount()) + "  " + (where == null ? "" : st.yellow(where) + "  ")
                + (c.title() == null ? st.dim("(untitled)") : MemoryViews.firstLine(c.title(), 80));
    }

    private static Object parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
