package dev.omni.core.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A stored message: {@code seq} orders it within its conversation (unique there); {@code content}
 * is its searchable text; {@code blocks} its content blocks as JSON (null for plain text).
 */
public record Message(String id, String conversationId, long seq, String externalId, String parentExternalId, Role role,
                      String content, String blocks, String model, Long inputTokens, Long outputTokens, String usage,
                      Instant createdAt) {
    /** The blocks for display; plain text is one text block. */
    public List<ContentBlock> contentBlocks() {
        return Blocks.parse(blocks, content);
    }
}
