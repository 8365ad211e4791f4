package dev.omni.core.conversation;

import java.time.Instant;

/**
 * A message found by a search, with where it lives (its conversation, project and workspace) and a
 * snippet with the matches marked. {@code score} ranks it in its search's mode: BM25 in a text
 * search (lower is better), the cosine similarity of its best chunk in a semantic one, the fused
 * score in a hybrid one (higher is better); {@code textScore} (BM25) and {@code semanticScore}
 * (cosine) are null when that side did not see the message.
 */
public record MessageHit(String messageId, long seq, Role role, Instant createdAt, String conversationId,
                         String conversationTitle, String projectId, String workspaceId, double score, String snippet,
                         Double textScore, Double semanticScore) {
    /** A full-text hit. */
    public MessageHit(String messageId, long seq, Role role, Instant createdAt, String conversationId, String conversationTitle,
                      String projectId, String workspaceId, double score, String snippet) {
        this(messageId, seq, role, createdAt, conversationId, conversationTitle, projectId, workspaceId, score, snippet, score, null);
    }

    /** This hit ranked by {@code score}, with both sides' scores and {@code snippet}. */
    public MessageHit ranked(double score, String snippet, Double textScore, Double semanticScore) {
        return new MessageHit(messageId, seq, role, createdAt, conversationId, conversationTitle, projectId, workspaceId, score, snippet,
                textScore, semanticScore);
    }
}
