package dev.omni.core.search;

import java.time.Instant;

/**
 * One result of {@link SearchService#search}: its kind, its rank score (higher is better; 1.0 is
 * the best hit of its kind), a snippet with the matches marked, and where it lives: the project
 * and workspace, and for a memory item its id and type, for a message its conversation, seq and
 * role, for a file the snapshot and path. Fields that do not apply are null. {@code textScore} is
 * the BM25 of the hit's full-text match (as FTS5 reports it: lower is better) and
 * {@code semanticScore} the cosine similarity of its vector (memory and messages); each is null
 * when that side did not see the hit.
 */
public record SearchHit(SearchKind kind, double score, String snippet, String projectId, String projectName,
                        String workspaceId, String workspaceName, String memoryId, String memoryType, String conversationId,
                        String conversationTitle, String messageId, Long seq, String role, String snapshotId, String path,
                        Instant at, Double textScore, Double semanticScore) {
    /** This hit with another rank score and snippet, and both sides' scores. */
    SearchHit ranked(double s, String snip, Double text, Double semantic) {
        return new SearchHit(kind, s, snip, projectId, projectName, workspaceId, workspaceName, memoryId, memoryType, conversationId,
                conversationTitle, messageId, seq, role, snapshotId, path, at, text, semantic);
    }

    /** What identifies the hit across lists: the memory id, the message id, or the workspace and path. */
    String key() {
        return switch (kind) {
            case MEMORY -> "m:" + memoryId;
            case MESSAGE -> "c:" + messageId;
            case FILE -> "f:" + workspaceId + ":" + path;
        };
    }
}
