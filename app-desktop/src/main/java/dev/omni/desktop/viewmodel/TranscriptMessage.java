package dev.omni.desktop.viewmodel;

import dev.omni.core.conversation.ContentBlock;
import dev.omni.core.conversation.Message;
import dev.omni.core.conversation.Role;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a transcript laid out for reading: its role and time, and its parts — prose,
 * fenced code blocks, and tool calls, tool results and thinking (which the view collapses).
 */
public record TranscriptMessage(long seq, Role role, String who, String when, List<Part> parts, TurnFiles turn) {
    /**
     * The agent turn this message started (its hooks recorded a checkpoint before and after it): a
     * heading, the files it changed ({@code M src/a.py +3 -1}), and the turn itself, to rewind.
     */
    public record TurnFiles(String heading, List<String> files, dev.omni.core.agent.Turn turn) {
    }

    /** The same message with the turn it started. */
    public TranscriptMessage withTurn(TurnFiles t) {
        return new TranscriptMessage(seq, role, who, when, parts, t);
    }

    /** What a part is. */
    public enum Kind { TEXT, CODE, TOOL_CALL, TOOL_RESULT, THINKING }

    /** One part; {@code title} heads a collapsed part, {@code language} is a code block's. */
    public record Part(Kind kind, String title, String text, String language, boolean error) {
        public boolean collapsed() {
            return kind == Kind.TOOL_CALL || kind == Kind.TOOL_RESULT || kind == Kind.THINKING;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static TranscriptMessage of(Message m, ZoneId zone) {
        List<Part> parts = new ArrayList<>();
        for (ContentBlock b : m.contentBlocks()) {
            if (b.isText()) {
                parts.addAll(split(b.text()));
            } else if (b.isToolUse()) {
                parts.add(new Part(Kind.TOOL_CALL, "Tool call: " + (b.name() == null ? "?" : b.name()), b.input() == null ? "" : b.input(),
                        null, false));
            } else if (b.isToolResult()) {
                parts.add(new Part(Kind.TOOL_RESULT, b.error() ? "Tool result (failed)" : "Tool result", b.text() == null ? "" : b.text(),
                        null, b.error()));
            } else if (b.isThinking()) {
                parts.add(new Part(Kind.THINKING, "Thinking", b.text() == null ? "" : b.text(), null, false));
            } else {
                parts.add(new Part(Kind.TOOL_RESULT, b.type(), b.text() == null ? "" : b.text(), null, false));
            }
        }
        String who = switch (m.role()) {
            case USER -> "You";
            case ASSISTANT -> "Assistant" + (m.model() == null ? "" : " · " + m.model());
            case TOOL -> "Tool";
            case SYSTEM -> "System";
        };
        String when = m.createdAt() == null ? "" : TIME.format(m.createdAt().atZone(zone));
        return new TranscriptMessage(m.seq(), m.role(), who, when, parts, null);
    }

    /** Prose and ``` fenced code blocks, in order. */
    static List<Part> split(String text) {
        List<Part> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder prose = new StringBuilder();
        StringBuilder code = null;
        String lang = null;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                if (code == null) {
                    flush(out, prose);
                    code = new StringBuilder();
                    lang = line.strip().substring(3).strip();
                } else {
                    out.add(new Part(Kind.CODE, null, trimEnd(code.toString()), lang.isEmpty() ? null : lang, false));
                    code = null;
                }
                continue;
            }
            (code != null ? code : prose).append(line).append('\n');
        }
        if (code != null) {
            out.add(new Part(Kind.CODE, null, trimEnd(code.toString()), lang == null || lang.isEmpty() ? null : lang, false));
        }
        flush(out, prose);
        return out;
    }

    private static void flush(List<Part> out, StringBuilder prose) {
        String p = prose.toString().strip();
        if (!p.isEmpty()) {
            out.add(new Part(Kind.TEXT, null, p, null, false));
        }
        prose.setLength(0);
    }

    private static String trimEnd(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
