package dev.omni.core.search;

import dev.omni.core.memory.MemoryFilter;

/**
 * A search of memory items: the query, the filter (its limit is the number of hits), the mode
 * ({@code null}: chosen by coverage), and whether the items found count a read.
 */
public record MemorySearchRequest(String query, MemoryFilter filter, SearchMode mode, boolean countAccess) {
}
