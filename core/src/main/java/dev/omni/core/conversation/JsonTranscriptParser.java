package dev.omni.core.conversation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plain JSON form {@code {title, messages: [{role, content, created_at}]}} (or an array of such
 * objects), which is also what {@code omni conv export --format json} writes, with omni's extra
 * fields (source, external_id, message ids, blocks, tokens) that make a round trip lossless. It is
 * read with the streaming parser so that a bad message is reported with its line. A file that is
 * not valid JSON as a whole is refused.
 */
final class JsonTranscriptParser implements TranscriptParser {
    @Override
    public ParseResult parse(Path file) {
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<ParsedConversation> convs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = Json.mapper().getFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    convs.add(conversation(file, p, problems));
                }
            } else if (t == JsonToken.START_OBJECT) {
                convs.add(conversation(file, p, problems));
            } else {
                throw OmniException.invalid(file + " is not a JSON object {title, messages} or an array of them");
            }
            if (p.nextToken() != null) {
                throw OmniException.invalid(file + ":" + p.currentLocation().getLineNr() + ": unexpected content after the JSON document");
            }
        } catch (NoSuchFileException e) {
            throw OmniException.notFound("no such file: " + file);
        } catch (JsonProcessingException e) {
            throw OmniException.invalid(file + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": not valid JSON, nothing imported (" + JsonLines.firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ParseResult(TranscriptFormat.JSON, convs, problems, skipped);
    }

    /** One conversation object; the parser stands on its START_OBJECT. */
    private static ParsedConversation conversation(Path file, JsonParser p, List<InputProblem> problems) throws IOException {
        long line = p.currentLocation().getLineNr();
        Map<String, JsonNode> fields = new TreeMap<>();
        List<ParsedMessage> messages = new ArrayList<>();
        boolean hasMessages = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("messages") && v == JsonToken.START_ARRAY) {
                hasMessages = true;
                Set<String> seen = new HashSet<>();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    index++;
                    long at = p.currentLocation().getLineNr();
                    JsonNode m = p.readValueAsTree();
                    // omni's own export: block types were reported when the transcript first came in
                    boolean own = "omni.conversation".equals(text(fields.get("format")));
                    ParsedMessage pm = message(file, at, index, m, own ? new ArrayList<>() : problems);
                    if (own) {
                        problems.addAll(pendingRoleProblems(file, at, index, m));
                    }
                    if (pm != null && seen.add(pm.externalId())) {
                        messages.add(pm);
                    } else if (pm != null) {
                        problems.add(new InputProblem(file, at, "message key '" + pm.externalId() + "' repeats; skipped"));
                    }
                }
            } else {
                fields.put(name, p.readValueAsTree());
            }
        }
        if (!hasMessages) {
            throw OmniException.invalid(file + ":" + line + ": a conversation needs a 'messages' array; nothing imported");
        }
        String source = text(fields.get("source"));
        String external = text(fields.get("external_id"));
        if (source == null || external == null) {
            source = TranscriptFormat.JSON.source();
            external = text(fields.get("id"));
            if (external == null) {
                external = "sha256:" + Hash.of(text(fields.get("title")) + "\n" + (messages.isEmpty() ? ""
                        : messages.get(0).role().wire() + "\n" + messages.get(0).createdAt() + "\n" + messages.get(0).content()));
            }
        }
        String title = text(fields.get("title"));
        Instant started = time(file, line, fields.get("started_at"), problems);
        if (started == null) {
            started = messages.stream().map(ParsedMessage::createdAt).filter(t -> t != null).findFirst().orElse(null);
        }
        return new ParsedConversation(source, external, title != null ? title : Titles.fromMessages(messages),
                text(fields.get("cwd")), text(fields.get("model")), started, messages);
    }

    private static ParsedMessage message(Path file, long line, int index, JsonNode m, List<InputProblem> problems) {
        if (m == null || !m.isObject()) {
            problems.add(new InputProblem(file, line, "message " + index + " is not an object; skipped"));
            return null;
        }
        Role role;
        try {
            role = Role.parse(text(m.get("role")));
        } catch (OmniException e) {
            problems.add(new InputProblem(file, line, "message " + index + ": " + e.getMessage() + "; skipped"));
            return null;
        }
        JsonNode blocks = m.get("blocks");
        JsonNode content = m.get("content");
        Blocks.Extracted x = Blocks.extract(blocks != null && blocks.isArray() ? blocks : content,
                t -> problems.add(new InputProblem(file, line, "message " + index + ": unknown content block type '" + t
                        + "'; kept as it is")));
        String text = content != null && content.isTextual() ? content.asText() : x.text();
        String key = text(m.get("external_id"));
        if (key == null) {
            key = text(m.get("id"));
        }
        if (key == null) {
            key = "m" + index;
        }
        JsonNode usage = m.get("usage");
        return new ParsedMessage(key, text(m.get("parent_external_id")), role, text, x.blocksJson(), text(m.get("model")),
                number(m.get("input_tokens")), number(m.get("output_tokens")),
                usage == null || usage.isNull() ? null : usage.toString(), time(file, line, m.get("created_at"), problems),
                text(m.get("response_id")));
    }

    /** The problems that matter in omni's own export: a message that could not be read at all. */
    private static List<InputProblem> pendingRoleProblems(Path file, long line, int index, JsonNode m) {
        List<InputProblem> out = new ArrayList<>();
        if (m == null || !m.isObject()) {
            out.add(new InputProblem(file, line, "message " + index + " is not an object; skipped"));
            return out;
        }
        try {
            Role.parse(text(m.get("role")));
        } catch (OmniException e) {
            out.add(new InputProblem(file, line, "message " + index + ": " + e.getMessage() + "; skipped"));
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Long number(JsonNode n) {
        return n == null || !n.canConvertToLong() ? null : n.asLong();
    }

    private static Instant time(Path file, long line, JsonNode n, List<InputProblem> problems) {
        return ClaudeCodeParser.time(file, line, n, problems);
    }
}
