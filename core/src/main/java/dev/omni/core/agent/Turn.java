package dev.omni.core.agent;

import dev.omni.core.model.SnapshotId;
import java.time.Instant;

/**
 * One turn of a coding agent's session, as its hooks saw it: the working copy before it and after it
 * ({@code after} null while the turn runs), the start of the prompt, and, once the transcript is
 * imported, the conversation and the user message that started it.
 */
public record Turn(String id, String agent, String sessionId, int turn, String projectId, String workspaceId, String prompt,
                   SnapshotId before, SnapshotId after, String transcriptPath, Instant startedAt, Instant endedAt,
                   String conversationId, String messageId) {
    /** {@code session:turn}, with the session id shortened as people read it. */
    public String label() {
        return shortSession(sessionId) + ":" + turn;
    }

    public static String shortSession(String sessionId) {
        return sessionId.length() > 8 ? sessionId.substring(0, 8) : sessionId;
    }
}
