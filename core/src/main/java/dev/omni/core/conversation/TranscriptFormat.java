package dev.omni.core.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;

/** The transcript formats omni reads, and how it tells them apart. */
public enum TranscriptFormat {
    /** Claude Code sessions: {@code ~/.claude/projects/<dir>/<session>.jsonl}. */
    CLAUDE("claude"),
    /** Codex CLI rollouts: {@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}. */
    CODEX("codex"),
    /** Aider's {@code .aider.chat.history.md}. */
    AIDER("aider"),
    /** {@code {title, messages: [{role, content, created_at}]}}, which omni also exports. */
    JSON("json");

    private final String source;

    TranscriptFormat(String source) {
        this.source = source;
    }

    /** The name stored as a conversation's source. */
    public String source() {
        return source;
    }

    TranscriptParser parser(ZoneId zone) {
        return switch (this) {
            case CLAUDE -> new ClaudeCodeParser();
            case CODEX -> new CodexParser();
            case AIDER -> new AiderParser(zone);
            case JSON -> new JsonTranscriptParser();
        };
    }

    /** Looks at the name and the first lines of {@code file}; a clear error when it is none of the formats. */
    public static TranscriptFormat detect(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".aider.chat.history.md")) {
            return AIDER;
        }
        String head;
        try (InputStream in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw OmniException.notFound("no such file: " + file);
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String trimmed = head.stripLeading().replace("\uFEFF", "");
        if (trimmed.startsWith("# aider chat started at") || (name.endsWith(".md") && trimmed.contains("\n#### "))) {
            return AIDER;
        }
        int checked = 0;
        for (String line : trimmed.split("\n", 60)) {
            if (line.isBlank() || checked++ > 50) {
                continue;
            }
            JsonNode n;
            try {
                n = Json.mapper().readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (n == null || !n.isObject()) {
                continue;
            }
            if (n.has("payload") && n.has("type")) {
                return CODEX;
            }
            String type = n.path("type").asText("");
            if (n.has("sessionId") || n.has("uuid") || type.equals("summary") || type.equals("user") || type.equals("assistant")) {
                return CLAUDE;
            }
            if (n.has("messages")) {
                return JSON;
            }
        }
        if (name.endsWith(".jsonl")) {
            throw OmniException.invalid(file + " has no valid JSON line of a known transcript format (Claude Code or Codex)");
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return JSON;
        }
        throw OmniException.invalid("cannot tell what kind of transcript " + file + " is (expected a Claude Code session .jsonl,"
                + " a Codex rollout .jsonl, an .aider.chat.history.md, or omni's JSON {title, messages})");
    }
}
