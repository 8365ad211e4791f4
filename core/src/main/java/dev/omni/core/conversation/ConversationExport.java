package dev.omni.core.conversation;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A conversation written out: as JSON ({@code {title, messages: [{role, content, created_at}]}}
 * plus every field omni keeps, so that importing it again, here or elsewhere, loses nothing and
 * duplicates nothing) or as Markdown to read, with tool calls, results and thinking in
 * collapsible {@code <details>}.
 */
public final class ConversationExport {
    private ConversationExport() {
    }

    public static void json(Conversation c, List<Message> messages, PrintWriter out) {
        try {
            JsonGenerator g = Json.FACTORY.createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", "omni.conversation");
            g.writeNumberField("version", 1);
            ConversationCodec.conversationFields(g, c);
            g.writeArrayFieldStart("messages");
            for (Message m : messages) {
                g.writeStartObject();
                ConversationCodec.messageFields(g, m, false);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void markdown(Conversation c, List<Message> messages, String where, PrintWriter out) {
        out.println("# " + (c.title() == null ? "Conversation " + c.id() : c.title().replace("\n", " ")));
        out.println();
        out.println("- id: `" + c.id() + "` (" + c.source() + " `" + c.externalId() + "`)");
        if (where != null) {
            out.println("- workspace: " + where);
        }
        if (c.model() != null) {
            out.println("- model: " + c.model());
        }
        if (c.startedAt() != null) {
            out.println("- started: " + Times.format(c.startedAt()));
        }
        out.println("- messages: " + c.messageCount() + ", tokens: " + c.inputTokens() + " in, " + c.outputTokens() + " out");
        for (Message m : messages) {
            out.println();
            out.println("## " + m.seq() + ". " + m.role().wire() + (m.model() == null ? "" : " (" + m.model() + ")")
                    + (m.createdAt() == null ? "" : " · " + Times.format(m.createdAt())));
            for (ContentBlock b : m.contentBlocks()) {
                out.println();
                block(b, out);
            }
        }
        out.flush();
    }

    private static void block(ContentBlock b, PrintWriter out) {
        if (b.isText()) {
            out.println(b.text());
        } else if (b.isToolUse()) {
            details("tool: " + b.name(), b.input(), out);
        } else if (b.isToolResult()) {
            details(b.error() ? "result (error)" : "result", b.text(), out);
        } else if (b.isThinking()) {
            details("thinking", b.text(), out);
        } else {
            details(b.type(), b.text(), out);
        }
    }

    private static void details(String summary, String body, PrintWriter out) {
        String text = body == null ? "" : body;
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        out.println("<details><summary>" + escape(summary) + "</summary>");
        out.println();
        out.println(fence);
        out.println(text);
        out.println(fence);
        out.println();
        out.println("</details>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
