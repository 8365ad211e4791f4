package dev.omni.core.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A stored message: {@code seq} orders it within its conversation (unique there); {@code content}
 * is its searchable text; {@code blocks} its content blocks as JSON (null for plain text);
 * {@code responseId} the API response it is part of (usage counts once per response), or null.
 */
public record Message(String id, String conversationId, long seq, String externalId, String parentExternalId, Role role,
                      String content, String blocks, String model, Long inputTokens, Long outputTokens, String usage,
                      Instant createdAt, String responseId) {
    public Message(String id, String conversationId, long seq, String externalId, String parentExternalId, Role role,
                   String content, String blocks, String model, Long inputTokens, Long outputTokens, String usage,
                   Instant createdAt) {
        this(id, conversationId, seq, externalId, parentExternalId, role, content, blocks, model, inputTokens, outputTokens, usage,
                createdAt, null);
    }

    /** The blocks for display; plain text is one text block. */
    public List<ContentBlock> contentBlocks() {
        return Blocks.parse(blocks, content);
    }
}
