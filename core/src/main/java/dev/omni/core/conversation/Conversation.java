package dev.omni.core.conversation;

import java.time.Instant;

/**
 * A stored conversation with an AI agent: where it came from ({@code source}, {@code externalId},
 * {@code sourcePath}), where it belongs (project and workspace, both may be null), and its totals.
 */
public record Conversation(String id, String source, String externalId, String projectId, String workspaceId, String title,
                           String cwd, String model, String sourcePath, long messageCount, long inputTokens, long outputTokens,
                           Instant startedAt, Instant lastMessageAt, Instant createdAt, Instant updatedAt, Instant deletedAt,
                           String deviceId) {
    public boolean deleted() {
        return deletedAt != null;
    }

    /**
     * For a subagent's conversation (a Claude Code sidechain), the source id of the session that ran
     * it; else null. The link is part of the source id ({@code <session>:agent-<id>}), so it travels
     * with the conversation wherever it is synced.
     */
    public String parentExternalId() {
        int i = externalId == null ? -1 : externalId.indexOf(ClaudeCodeParser.AGENT_SEPARATOR);
        return i > 0 ? externalId.substring(0, i) : null;
    }
}
