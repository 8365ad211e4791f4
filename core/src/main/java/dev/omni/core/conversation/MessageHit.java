package dev.omni.core.conversation;

import java.time.Instant;

/**
 * A message found by a search, with where it lives (its conversation, project and workspace), its
 * BM25 score (lower is better) and a snippet with the matches marked.
 */
public record MessageHit(String messageId, long seq, Role role, Instant createdAt, String conversationId,
                         String conversationTitle, String projectId, String workspaceId, double score, String snippet) {
}
