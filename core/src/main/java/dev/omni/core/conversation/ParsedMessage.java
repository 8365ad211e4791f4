package dev.omni.core.conversation;

import java.time.Instant;

/**
 * A message as a transcript holds it, before it is stored. {@code externalId} is its key in the
 * transcript (Claude Code's uuid, a Codex line number, a position), which makes re-imports add
 * nothing twice; {@code blocks} is the JSON array of content blocks, or null for plain text;
 * {@code usage} the transcript's own token record, JSON; {@code responseId} the API response the
 * message is part of (Claude Code's {@code message.id}), so that usage is counted once per response.
 */
public record ParsedMessage(String externalId, String parentExternalId, Role role, String content, String blocks, String model,
                            Long inputTokens, Long outputTokens, String usage, Instant createdAt, String responseId) {
    public ParsedMessage(String externalId, String parentExternalId, Role role, String content, String blocks, String model,
                         Long inputTokens, Long outputTokens, String usage, Instant createdAt) {
        this(externalId, parentExternalId, role, content, blocks, model, inputTokens, outputTokens, usage, createdAt, null);
    }

    public ParsedMessage withUsage(Long in, Long out, String usageJson) {
        return new ParsedMessage(externalId, parentExternalId, role, content, blocks, model, in, out, usageJson, createdAt, responseId);
    }

    public ParsedMessage withResponseId(String id) {
        return new ParsedMessage(externalId, parentExternalId, role, content, blocks, model, inputTokens, outputTokens, usage, createdAt, id);
    }

    /** The same message with other text (secrets redacted). */
    public ParsedMessage withText(String newContent, String newBlocks) {
        return new ParsedMessage(externalId, parentExternalId, role, newContent, newBlocks, model, inputTokens, outputTokens, usage,
                createdAt, responseId);
    }
}
