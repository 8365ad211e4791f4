package dev.omni.core.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.util.InputProblem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Claude Code sessions: one JSON object per line with {@code type} (user, assistant, system,
 * summary, …), {@code uuid}, {@code parentUuid}, {@code sessionId}, {@code timestamp}, {@code cwd}
 * and a {@code message} whose content is a string or a list of blocks. A user line holding only
 * tool results is a {@code tool} message. Claude Code writes one line per content block of a
 * reply, each repeating the reply's usage; the usage is kept on the last line of the reply only,
 * so that totals count it once. The line-level {@code toolUseResult} (a structured copy of the
 * tool_result block, with whole files for edits) is not kept.
 */
final class ClaudeCodeParser implements TranscriptParser {
    private static final java.util.regex.Pattern UUID_LIKE = java.util.regex.Pattern.compile("[0-9a-fA-F-]{32,36}");

    /** What the lines of one file say so far. */
    private static final class Session {
        final Path file;
        final List<InputProblem> problems = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        final List<ParsedMessage> messages = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        String sessionId;
        String cwd;
        String summary;
        String model;
        int lastAssistant = -1;
        String lastApiId;

        Session(Path file) {
            this.file = file;
        }

        void line(long no, String raw, JsonNode n) {
            String type = n.path("type").asText("");
            switch (type) {
                case "summary" -> summary = n.hasNonNull("summary") ? n.get("summary").asText() : summary;
                case "user", "assistant", "system" -> message(no, raw, type, n);
                default -> skipped.merge(type.isEmpty() ? "line without a type" : type + " line", 1, Integer::sum);
            }
        }

        private void message(long no, String raw, String type, JsonNode n) {
            if (sessionId == null && n.hasNonNull("sessionId")) {
                sessionId = n.get("sessionId").asText();
            }
            if (cwd == null && n.hasNonNull("cwd")) {
                cwd = n.get("cwd").asText();
            }
            String key = n.hasNonNull("uuid") ? n.get("uuid").asText() : "sha256:" + Hash.of(raw);
            if (!seen.add(key)) {
                skipped.merge("repeated line", 1, Integer::sum);
                return;
            }
            ParsedMessage m = ClaudeCodeParser.message(file, no, type, key, n, problems);
            if (m == null) {
                return;
            }
            if (m.role() == Role.ASSISTANT) {
                // One reply, several lines, the same usage on each: keep it on the reply's last line only.
                String apiId = n.path("message").path("id").asText(null);
                if (apiId != null && apiId.equals(lastApiId) && lastAssistant >= 0) {
                    messages.set(lastAssistant, messages.get(lastAssistant).withUsage(null, null, null));
                }
                lastApiId = apiId;
                lastAssistant = messages.size();
                if (m.model() != null && !m.model().startsWith("<")) {
                    model = m.model();
                }
            }
            messages.add(m);
        }
    }

    @Override
    public ParseResult parse(Path file) {
        Session s = new Session(file);
        JsonLines.read(file, s.problems, s::line);
        // Claude Code names the file after the session. A resumed session's file may begin with lines
        // of the session it continues, so the file name decides; a renamed copy falls back to the lines.
        String stem = stem(file);
        String external = UUID_LIKE.matcher(stem).matches() || s.sessionId == null ? stem : s.sessionId;
        String title = s.summary != null ? s.summary : Titles.fromMessages(s.messages);
        Instant started = s.messages.stream().map(ParsedMessage::createdAt).filter(t -> t != null).findFirst().orElse(null);
        List<ParsedConversation> convs = s.messages.isEmpty() ? List.of()
                : List.of(new ParsedConversation(TranscriptFormat.CLAUDE.source(), external, title, s.cwd, s.model, started, s.messages));
        return new ParseResult(TranscriptFormat.CLAUDE, convs, s.problems, s.skipped);
    }

    private static ParsedMessage message(Path file, long no, String type, String key, JsonNode n, List<InputProblem> problems) {
        JsonNode msg = n.get("message");
        JsonNode content;
        Role role;
        if (type.equals("system")) {
            role = Role.SYSTEM;
            content = msg != null && msg.has("content") ? msg.get("content") : n.get("content");
        } else {
            if (msg == null || !msg.isObject()) {
                problems.add(new InputProblem(file, no, type + " line without a message object; skipped"));
                return null;
            }
            role = type.equals("user") ? Role.USER : Role.ASSISTANT;
            content = msg.get("content");
        }
        Blocks.Extracted x = Blocks.extract(content, t -> problems.add(new InputProblem(file, no,
                "unknown content block type '" + t + "'; kept as it is")));
        if (role == Role.USER && x.onlyToolResults()) {
            role = Role.TOOL;
        }
        JsonNode usage = msg == null ? null : msg.get("usage");
        Long in = null;
        Long out = null;
        if (usage != null && usage.isObject()) {
            in = usage.hasNonNull("input_tokens") ? usage.get("input_tokens").asLong() : null;
            out = usage.hasNonNull("output_tokens") ? usage.get("output_tokens").asLong() : null;
        }
        return new ParsedMessage(key, n.path("parentUuid").asText(null), role, x.text(), x.blocksJson(),
                msg == null ? null : msg.path("model").asText(null), in, out,
                usage != null && usage.isObject() ? usage.toString() : null, time(file, no, n.get("timestamp"), problems));
    }

    static Instant time(Path file, long no, JsonNode t, List<InputProblem> problems) {
        if (t == null || t.isNull()) {
            return null;
        }
        try {
            return Instant.parse(t.asText());
        } catch (DateTimeParseException e) {
            problems.add(new InputProblem(file, no, "bad timestamp '" + t.asText() + "'; message kept without a time"));
            return null;
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
