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
 * reply, each repeating the reply's usage under one {@code message.id}; the usage is kept on the
 * last line of the reply only, so that totals count it once, and every line keeps the id. Lines of a
 * subagent ({@code isSidechain} with an {@code agentId}) make a conversation of their own, whose
 * source id is the session's followed by {@code :agent-<id>}. The line-level
 * {@code toolUseResult} (a structured copy of the tool_result block, with whole files for edits)
 * is not kept.
 */
final class ClaudeCodeParser implements TranscriptParser {
    private static final java.util.regex.Pattern UUID_LIKE = java.util.regex.Pattern.compile("[0-9a-fA-F-]{32,36}");

    /** The messages of one conversation of the file: the session's own, or one subagent's. */
    private static final class Chain {
        final List<ParsedMessage> messages = new ArrayList<>();
        /** The index of the last line of each API response, by its {@code message.id}. */
        final Map<String, Integer> responses = new java.util.HashMap<>();
        String model;
    }

    /** What the lines of one file say so far. */
    private static final class Session {
        final Path file;
        final List<InputProblem> problems = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        final Chain main = new Chain();
        /** Subagent (sidechain) threads by agent id, in order of appearance. */
        final Map<String, Chain> agents = new java.util.LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        String sessionId;
        String cwd;
        String summary;

        Session(Path file) {
            this.file = file;
        }

        void line(long no, String raw, JsonNode n) {
            String type = n.path("type").asText("");
            switch (type) {
                case "summary" -> {
                    summary = n.hasNonNull("summary") ? n.get("summary").asText() : summary;
                    skipped.merge("summary line (the title)", 1, Integer::sum);
                }
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
            // A subagent's lines (isSidechain, agentId) are its own conversation, not the session's.
            Chain t = main;
            if (n.path("isSidechain").asBoolean(false)) {
                t = agents.computeIfAbsent(n.path("agentId").asText("sidechain"), k -> new Chain());
            }
            if (m.role() == Role.ASSISTANT) {
                // One reply, several lines, the same usage on each: keep it on the reply's last line only.
                String apiId = n.path("message").path("id").asText(null);
                if (apiId != null) {
                    m = m.withResponseId(apiId);
                    Integer prev = t.responses.put(apiId, t.messages.size());
                    if (prev != null) {
                        t.messages.set(prev, t.messages.get(prev).withUsage(null, null, null));
                    }
                }
                if (m.model() != null && !m.model().startsWith("<")) {
                    t.model = m.model();
                }
            }
            t.messages.add(m);
        }
    }

    /** Separates a subagent's id from its session's in a conversation's source id. */
    static final String AGENT_SEPARATOR = ":agent-";

    @Override
    public ParseResult parse(Path file) {
        Session s = new Session(file);
        JsonLines.read(file, s.problems, s::line);
        // Claude Code names the file after the session. A resumed session's file may begin with lines
        // of the session it continues, so the file name decides; a renamed copy falls back to the lines.
        // A subagent's own file (<session>/subagents/agent-<id>.jsonl) carries its parent's session id.
        String stem = stem(file);
        String external = UUID_LIKE.matcher(stem).matches() || s.sessionId == null ? stem : s.sessionId;
        List<ParsedConversation> convs = new ArrayList<>();
        if (!s.main.messages.isEmpty()) {
            String title = s.summary != null ? s.summary : Titles.fromMessages(s.main.messages);
            convs.add(conversation(external, title, s.cwd, s.main));
        }
        for (Map.Entry<String, Chain> a : s.agents.entrySet()) {
            String parent = s.sessionId != null ? s.sessionId : external;
            convs.add(conversation(parent + AGENT_SEPARATOR + a.getKey(), Titles.fromMessages(a.getValue().messages), s.cwd,
                    a.getValue()));
        }
        return new ParseResult(TranscriptFormat.CLAUDE, convs, s.problems, s.skipped);
    }

    private static ParsedConversation conversation(String external, String title, String cwd, Chain t) {
        Instant started = t.messages.stream().map(ParsedMessage::createdAt).filter(x -> x != null).findFirst().orElse(null);
        return new ParsedConversation(TranscriptFormat.CLAUDE.source(), external, title, cwd, t.model, started, t.messages);
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
