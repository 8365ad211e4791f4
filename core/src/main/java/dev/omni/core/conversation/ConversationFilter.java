package dev.omni.core.conversation;

import java.time.Instant;

/**
 * Which conversations (or their messages) to list or search: of a project, of a workspace, from a
 * source ({@code claude}, {@code codex}, …), active since a time, by role (search only); nulls
 * do not filter. {@code deleted} lists removed conversations instead of live ones.
 */
public record ConversationFilter(String projectId, String workspaceId, String source, Instant since, Role role,
                                 boolean deleted, int limit) {
    public static ConversationFilter all(int limit) {
        return new ConversationFilter(null, null, null, null, null, false, limit);
    }

    public ConversationFilter withProject(String p) {
        return new ConversationFilter(p, workspaceId, source, since, role, deleted, limit);
    }

    public ConversationFilter withWorkspace(String w) {
        return new ConversationFilter(projectId, w, source, since, role, deleted, limit);
    }

    public ConversationFilter withSource(String s) {
        return new ConversationFilter(projectId, workspaceId, s, since, role, deleted, limit);
    }

    public ConversationFilter withSince(Instant t) {
        return new ConversationFilter(projectId, workspaceId, source, t, role, deleted, limit);
    }

    public ConversationFilter withRole(Role r) {
        return new ConversationFilter(projectId, workspaceId, source, since, r, deleted, limit);
    }

    public ConversationFilter withDeleted(boolean d) {
        return new ConversationFilter(projectId, workspaceId, source, since, role, d, limit);
    }
}
