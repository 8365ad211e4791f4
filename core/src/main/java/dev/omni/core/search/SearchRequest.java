package dev.omni.core.search;

import java.util.Set;

/**
 * One search across memory, conversations and file paths: what to look for, where, how many hits,
 * and how to rank ({@code mode} null: hybrid where the semantic index covers the scope, else text).
 * {@code projectId} null searches every project.
 */
public record SearchRequest(String query, Set<SearchKind> kinds, String projectId, int limit, SearchMode mode) {
    public SearchRequest {
        kinds = Set.copyOf(kinds);
    }
}
