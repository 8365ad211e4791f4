package dev.omni.core.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Codex CLI rollouts: one {@code {timestamp, type, payload}} per line. {@code session_meta} names
 * the session and its cwd, {@code turn_context} the model, {@code response_item}s are the messages,
 * reasoning summaries, function calls and their outputs (kept as Anthropic-style blocks), and
 * {@code event_msg} token counts go to the assistant message before them. {@code user_message}
 * events are the user's messages where the rollout has no user items of its own (Codex Desktop);
 * the other event messages repeat the response items for the terminal and are counted, not kept. A rollout only
 * grows, so a message's line number is its key.
 */
final class CodexParser implements TranscriptParser {
    @Override
    public ParseResult parse(Path file) {
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<ParsedMessage> messages = new ArrayList<>();
        String[] meta = new String[3]; // id, cwd, model
        Instant[] started = {null};
        int[] lastAssistant = {-1};
        List<ParsedMessage> userEvents = new ArrayList<>();
        java.util.Set<String> userItemTexts = new java.util.HashSet<>();
        boolean[] typedUserItem = {false};
        JsonLines.read(file, problems, (no, raw, n) -> {
            String type = n.path("type").asText("");
            JsonNode p = n.path("payload");
            Instant ts = ClaudeCodeParser.time(file, no, n.get("timestamp"), problems);
            switch (type) {
                case "session_meta" -> {
                    meta[0] = meta[0] == null ? p.path("id").asText(null) : meta[0];
                    meta[1] = meta[1] == null ? p.path("cwd").asText(null) : meta[1];
                    started[0] = started[0] == null ? ClaudeCodeParser.time(file, no, p.get("timestamp"), problems) : started[0];
                    if (started[0] == null) {
                        started[0] = ts;
                    }
                    String instructions = p.path("instructions").asText("");
                    if (!instructions.isBlank()) {
                        messages.add(new ParsedMessage("L" + no, null, Role.SYSTEM, instructions, null, null, null, null, null, ts));
                    } else {
                        skipped.merge("session_meta line (the session)", 1, Integer::sum);
                    }
                }
                case "turn_context" -> {
                    skipped.merge("turn_context line (the model)", 1, Integer::sum);
                    meta[2] = p.path("model").asText(meta[2]);
                    meta[1] = meta[1] == null ? p.path("cwd").asText(null) : meta[1];
                }
                case "response_item" -> {
                    ParsedMessage m = item(file, no, p, ts, meta[2], problems, skipped);
                    if (m != null) {
                        if (m.role() == Role.ASSISTANT) {
                            lastAssistant[0] = messages.size();
                        }
                        if (m.role() == Role.USER && m.content() != null) {
                            userItemTexts.add(m.content().strip());
                            typedUserItem[0] |= !Titles.injected(m.content().strip());
                        }
                        messages.add(m);
                    }
                }
                case "event_msg" -> {
                    String et = p.path("type").asText("");
                    JsonNode last = p.path("info").path("last_token_usage");
                    if (et.equals("token_count") && last.isObject() && lastAssistant[0] >= 0
                            && messages.get(lastAssistant[0]).usage() == null) {
                        ParsedMessage a = messages.get(lastAssistant[0]);
                        messages.set(lastAssistant[0], a.withUsage(last.path("input_tokens").asLong(),
                                last.path("output_tokens").asLong(), last.toString()));
                        skipped.merge("event_msg token_count (usage of the reply before it)", 1, Integer::sum);
                    } else if (et.equals("user_message") && !p.path("message").asText("").isBlank()) {
                        userEvents.add(userEvent("L" + no, p, ts));
                    } else {
                        skipped.merge("event_msg " + (et.isEmpty() ? "(no type)" : et), 1, Integer::sum);
                    }
                }
                default -> skipped.merge(type.isEmpty() ? "line without a type" : type + " line", 1, Integer::sum);
            }
        });
        addUserEvents(messages, userEvents, userItemTexts, typedUserItem[0], skipped);
        String external = meta[0] != null ? meta[0] : ClaudeCodeParser.stem(file);
        if (started[0] == null) {
            started[0] = messages.stream().map(ParsedMessage::createdAt).filter(t -> t != null).findFirst().orElse(null);
        }
        List<ParsedConversation> convs = messages.isEmpty() ? List.of() : List.of(new ParsedConversation(
                TranscriptFormat.CODEX.source(), external, Titles.fromMessages(messages), meta[1], meta[2], started[0], messages));
        return new ParseResult(TranscriptFormat.CODEX, convs, problems, skipped);
    }

    /**
     * Codex writes what the user typed twice: as a user {@code response_item} and as an
     * {@code event_msg} of type {@code user_message}. Newer rollouts (Codex Desktop 0.128) write only
     * the event. So the events become the user's messages when no user item holds typed text, except
     * those whose text an item already holds; else they are counted as copies.
     */
    private static void addUserEvents(List<ParsedMessage> messages, List<ParsedMessage> events, java.util.Set<String> itemTexts,
                                      boolean typedItems, Map<String, Integer> skipped) {
        if (events.isEmpty()) {
            return;
        }
        List<ParsedMessage> fresh = new ArrayList<>();
        for (ParsedMessage e : events) {
            if (typedItems || itemTexts.contains(e.content().strip())) {
                skipped.merge("event_msg user_message", 1, Integer::sum);
            } else {
                fresh.add(e);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        messages.addAll(fresh);
        // Keys are "L<line>": back into the order of the file.
        messages.sort(java.util.Comparator.comparingLong(m -> Long.parseLong(m.externalId().substring(1))));
    }

    private static ParsedMessage userEvent(String key, JsonNode p, Instant ts) {
        ArrayNode blocks = Json.mapper().createArrayNode();
        blocks.addObject().put("type", "text").put("text", p.path("message").asText(""));
        for (JsonNode img : p.path("images")) {
            blocks.addObject().put("type", "image").put("url", img.asText(""));
        }
        return message(key, Role.USER, blocks, null, ts);
    }

    private static ParsedMessage item(Path file, long no, JsonNode p, Instant ts, String model, List<InputProblem> problems,
                                      Map<String, Integer> skipped) {
        String type = p.path("type").asText("");
        String key = "L" + no;
        return switch (type) {
            case "message" -> message(file, no, key, p, ts, model, problems);
            case "reasoning" -> reasoning(key, p, ts, model, skipped);
            case "function_call", "custom_tool_call", "local_shell_call", "web_search_call" -> toolCall(key, type, p, ts, model);
            case "function_call_output", "custom_tool_call_output" -> toolOutput(key, p, ts);
            default -> {
                problems.add(new InputProblem(file, no, "unknown response item type '" + type + "'; kept as it is"));
                yield message(key, Role.ASSISTANT, Json.mapper().createArrayNode().add(p), model, ts);
            }
        };
    }

    /** A user, assistant or developer message; its content parts become text (or image) blocks. */
    private static ParsedMessage message(Path file, long no, String key, JsonNode p, Instant ts, String model,
                                         List<InputProblem> problems) {
        Role role;
        try {
            role = Role.parse(p.path("role").asText(null));
        } catch (OmniException e) {
            problems.add(new InputProblem(file, no, e.getMessage() + "; kept as a system message"));
            role = Role.SYSTEM;
        }
        ArrayNode blocks = Json.mapper().createArrayNode();
        for (JsonNode c : p.path("content")) {
            String ct = c.path("type").asText("");
            switch (ct) {
                case "input_text", "output_text", "text" -> blocks.addObject().put("type", "text").put("text", c.path("text").asText(""));
                case "input_image" -> blocks.addObject().put("type", "image").put("url", c.path("image_url").asText(""));
                default -> {
                    problems.add(new InputProblem(file, no, "unknown content type '" + ct + "'; kept as it is"));
                    blocks.add(c);
                }
            }
        }
        return message(key, role, blocks, role == Role.ASSISTANT ? model : null, ts);
    }

    /** The readable summary of the model's reasoning; encrypted-only reasoning has nothing to keep. */
    private static ParsedMessage reasoning(String key, JsonNode p, Instant ts, String model, Map<String, Integer> skipped) {
        StringBuilder t = new StringBuilder();
        for (JsonNode s : p.path("summary")) {
            append(t, s.path("text").asText(""));
        }
        for (JsonNode s : p.path("content")) {
            append(t, s.path("text").asText(""));
        }
        if (t.length() == 0) {
            skipped.merge("reasoning with encrypted content only", 1, Integer::sum);
            return null;
        }
        ArrayNode blocks = Json.mapper().createArrayNode();
        blocks.addObject().put("type", "thinking").put("thinking", t.toString());
        return message(key, Role.ASSISTANT, blocks, model, ts);
    }

    private static ParsedMessage toolCall(String key, String type, JsonNode p, Instant ts, String model) {
        ArrayNode blocks = Json.mapper().createArrayNode();
        ObjectNode b = blocks.addObject().put("type", "tool_use").put("id", p.path("call_id").asText(p.path("id").asText("")));
        b.put("name", switch (type) {
            case "local_shell_call" -> "local_shell";
            case "web_search_call" -> "web_search";
            default -> p.path("name").asText("tool");
        });
        b.set("input", switch (type) {
            case "function_call" -> arguments(p.path("arguments").asText(""));
            case "custom_tool_call" -> p.path("input");
            default -> p.path("action");
        });
        return message(key, Role.ASSISTANT, blocks, model, ts);
    }

    /** A call's output; shell output comes wrapped as {"output": …, "metadata": {"exit_code": …}}. */
    private static ParsedMessage toolOutput(String key, JsonNode p, Instant ts) {
        ArrayNode blocks = Json.mapper().createArrayNode();
        ObjectNode b = blocks.addObject().put("type", "tool_result").put("tool_use_id", p.path("call_id").asText(""));
        JsonNode out = p.get("output");
        String text = out == null ? "" : out.isTextual() ? out.asText() : out.toString();
        JsonNode wrapped = arguments(text);
        if (wrapped.isObject() && wrapped.has("output")) {
            b.put("content", wrapped.path("output").asText(""));
            if (wrapped.has("metadata")) {
                b.set("metadata", wrapped.get("metadata"));
                if (wrapped.path("metadata").path("exit_code").asInt(0) != 0) {
                    b.put("is_error", true);
                }
            }
        } else {
            b.put("content", text);
        }
        return message(key, Role.TOOL, blocks, null, ts);
    }

    private static ParsedMessage message(String key, Role role, ArrayNode blocks, String model, Instant ts) {
        Blocks.Extracted x = Blocks.extract(blocks, t -> {
        });
        return new ParsedMessage(key, null, role, x.text(), x.blocksJson(), model, null, null, null, ts);
    }

    /** Function-call arguments are JSON in a string; kept as JSON when they parse, as text otherwise. */
    private static JsonNode arguments(String s) {
        try {
            JsonNode n = Json.mapper().readTree(s);
            return n == null ? Json.mapper().getNodeFactory().textNode(s) : n;
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(s);
        }
    }

    private static void append(StringBuilder b, String s) {
        if (!s.isEmpty()) {
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(s);
        }
    }
}
