package dev.omni.core.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Content blocks in the Anthropic shape, which omni keeps for every format: {@code text},
 * {@code thinking}, {@code tool_use} {id, name, input}, {@code tool_result} {tool_use_id, content,
 * is_error}, {@code image}. A message's searchable text is the text of all its blocks.
 */
public final class Blocks {
    static final Set<String> KNOWN = Set.of("text", "thinking", "redacted_thinking", "tool_use", "server_tool_use",
            "tool_result", "web_search_tool_result", "image", "document");

    private Blocks() {
    }

    /** A message's content: its text, its blocks as JSON (null when it is plain text), whether only tool results. */
    record Extracted(String text, String blocksJson, boolean onlyToolResults) {
    }

    /**
     * Reads {@code content} (a string, a list of blocks, or one block); {@code unknown} hears of each
     * block type omni does not know, which is kept as it is.
     */
    static Extracted extract(JsonNode content, Consumer<String> unknown) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return new Extracted("", null, false);
        }
        if (content.isTextual()) {
            return new Extracted(content.asText(), null, false);
        }
        if (content.isObject()) {
            content = Json.mapper().createArrayNode().add(content);
        }
        if (!content.isArray()) {
            return new Extracted(content.asText(), null, false);
        }
        StringBuilder text = new StringBuilder();
        boolean onlyResults = content.size() > 0;
        for (JsonNode b : content) {
            String type = b.path("type").asText("");
            if (!KNOWN.contains(type)) {
                unknown.accept(type.isEmpty() ? "(none)" : type);
            }
            onlyResults &= type.equals("tool_result");
            String t = text(b);
            if (!t.isEmpty()) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(t);
            }
        }
        if (content.size() == 1 && content.get(0).path("type").asText("").equals("text") && content.get(0).size() == 2) {
            return new Extracted(text.toString(), null, false);
        }
        return new Extracted(text.toString(), content.toString(), onlyResults);
    }

    /** The searchable text of one block. */
    static String text(JsonNode b) {
        String type = b.path("type").asText("");
        return switch (type) {
            case "text" -> b.path("text").asText("");
            case "thinking" -> b.path("thinking").asText("");
            case "redacted_thinking" -> "";
            case "tool_use", "server_tool_use" -> b.path("name").asText("tool") + " " + inputText(b.get("input"));
            case "tool_result", "web_search_tool_result" -> resultText(b.get("content"));
            case "image" -> "[image]";
            case "document" -> "[document]";
            default -> b.has("text") ? b.path("text").asText("") : "";
        };
    }

    static String inputText(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return "";
        }
        return input.isTextual() ? input.asText() : input.toString();
    }

    static String resultText(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : content) {
                String t = part.isTextual() ? part.asText() : text(part);
                if (!t.isEmpty()) {
                    if (b.length() > 0) {
                        b.append('\n');
                    }
                    b.append(t);
                }
            }
            return b.toString();
        }
        return content.toString();
    }

    /** The blocks of a stored message, for display; plain text is one text block. */
    public static List<ContentBlock> parse(String blocksJson, String text) {
        List<ContentBlock> out = new ArrayList<>();
        if (blocksJson == null) {
            out.add(new ContentBlock("text", text, null, null, null, false));
            return out;
        }
        JsonNode arr;
        try {
            arr = Json.mapper().readTree(blocksJson);
        } catch (IOException e) {
            out.add(new ContentBlock("text", text, null, null, null, false));
            return out;
        }
        for (JsonNode b : arr) {
            String type = b.path("type").asText("");
            switch (type) {
                case "tool_use", "server_tool_use" -> out.add(new ContentBlock(type, null, b.path("name").asText("tool"),
                        b.path("id").asText(null), inputText(b.get("input")), false));
                case "tool_result", "web_search_tool_result" -> out.add(new ContentBlock(type, resultText(b.get("content")), null,
                        b.path("tool_use_id").asText(null), null, b.path("is_error").asBoolean(false)));
                default -> out.add(new ContentBlock(KNOWN.contains(type) ? type : "unknown:" + type,
                        KNOWN.contains(type) ? text(b) : b.toString(), null, null, null, false));
            }
        }
        return out;
    }
}
