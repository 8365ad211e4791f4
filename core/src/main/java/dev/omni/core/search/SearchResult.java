package dev.omni.core.search;

import java.util.List;

/**
 * What a search found, best first, and how: the mode it ran in ({@code chosen}: picked by coverage
 * because the request named none) and how many memory items and messages in its scope the
 * semantic index does not cover yet ({@code notIndexed}; a front end says so, and that
 * {@code omni index} or the daemon fills the gap). {@code staleModel}: the index was made with
 * another model (by another version of omni), so nothing of it could be used.
 */
public record SearchResult<T>(List<T> hits, SearchMode mode, boolean chosen, long notIndexed, boolean staleModel) {
}
