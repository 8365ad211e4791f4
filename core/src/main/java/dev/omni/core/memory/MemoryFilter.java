package dev.omni.core.memory;

import java.time.Instant;
import java.util.Set;

/**
 * Which memory items to list or search. {@code scope} with {@code projectId} chooses the projects;
 * {@code type}, {@code tag}, {@code since} (last change) and {@code statuses} narrow further;
 * {@code deleted} lists the soft-deleted items instead of the live ones.
 */
public record MemoryFilter(Scope scope, String projectId, MemoryType type, String tag, Instant since,
                           Set<NextStatus> statuses, boolean deleted, int limit) {
    /** Which projects' items. */
    public enum Scope {
        /** Every project's and the global items. */
        ALL,
        /** Only global items. */
        GLOBAL,
        /** One project's items and the global ones (what applies in that project). */
        PROJECT_AND_GLOBAL,
        /** Only one project's items. */
        PROJECT
    }

    public MemoryFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        tag = tag == null ? null : tag.trim().toLowerCase(java.util.Locale.ROOT);
        if ((scope == Scope.PROJECT || scope == Scope.PROJECT_AND_GLOBAL) && projectId == null) {
            throw new IllegalArgumentException("scope " + scope + " needs a project");
        }
    }

    public static MemoryFilter all() {
        return new MemoryFilter(Scope.ALL, null, null, null, null, null, false, Integer.MAX_VALUE);
    }

    /** What applies in {@code projectId}: its items and the global ones; null: everything. */
    public static MemoryFilter applyingTo(String projectId) {
        return projectId == null ? all() : new MemoryFilter(Scope.PROJECT_AND_GLOBAL, projectId, null, null, null, null, false, Integer.MAX_VALUE);
    }

    public MemoryFilter withType(MemoryType t) {
        return new MemoryFilter(scope, projectId, t, tag, since, statuses, deleted, limit);
    }

    public MemoryFilter withTag(String t) {
        return new MemoryFilter(scope, projectId, type, t, since, statuses, deleted, limit);
    }

    public MemoryFilter withSince(Instant t) {
        return new MemoryFilter(scope, projectId, type, tag, t, statuses, deleted, limit);
    }

    public MemoryFilter withStatuses(Set<NextStatus> s) {
        return new MemoryFilter(scope, projectId, type, tag, since, s, deleted, limit);
    }

    public MemoryFilter withDeleted(boolean d) {
        return new MemoryFilter(scope, projectId, type, tag, since, statuses, d, limit);
    }

    public MemoryFilter withLimit(int n) {
        return new MemoryFilter(scope, projectId, type, tag, since, statuses, deleted, n);
    }
}
