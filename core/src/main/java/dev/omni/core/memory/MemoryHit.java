package dev.omni.core.memory;

/**
 * A memory item found by a search, with a snippet with the matches marked
 * ({@link dev.omni.core.util.FtsQuery#MARK_START}). {@code score} ranks the hit in its search's
 * mode: BM25 as FTS5 reports it in a text search (lower is better), the cosine similarity in a
 * semantic one, the fused score in a hybrid one (higher is better). {@code textScore} (BM25) and
 * {@code semanticScore} (cosine) are each null when that side did not see the item.
 */
public record MemoryHit(MemoryItem item, double score, String snippet, Double textScore, Double semanticScore) {
    /** A full-text hit. */
    public MemoryHit(MemoryItem item, double score, String snippet) {
        this(item, score, snippet, score, null);
    }
}
