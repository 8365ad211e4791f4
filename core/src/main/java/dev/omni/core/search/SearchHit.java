package dev.omni.core.search;

import java.time.Instant;

/**
 * One result of {@link SearchService#search}: its kind, its rank score (higher is better; 1.0 is
 * the best hit of its kind), a snippet with the matches marked, and where it lives: the project
 * and workspace, and for a memory item its id and type, for a message its conversation, seq and
 * role, for a file the snapshot and path. Fields that do not apply are null.
 */
public record SearchHit(SearchKind kind, double score, String snippet, String projectId, String projectName,
                        String workspaceId, String workspaceName, String memoryId, String memoryType, String conversationId,
                        String conversationTitle, String messageId, Long seq, String role, String snapshotId, String path,
                        Instant at) {
}
