package dev.omni.core.memory;

/**
 * A memory item found by a search: its BM25 score (lower is better, as FTS5 reports it) and a
 * snippet with the matches marked ({@link dev.omni.core.util.FtsQuery#MARK_START}).
 */
public record MemoryHit(MemoryItem item, double score, String snippet) {
}
