package dev.omni.core.search;

import dev.omni.core.OmniException;
import java.util.Locale;

/**
 * How a search ranks: by the words it shares with the query (FTS5, BM25), by meaning (the cosine
 * of embedding vectors), or both fused ({@link Fusion}). A request without a mode gets hybrid where
 * the semantic index covers what is searched, else text.
 */
public enum SearchMode {
    TEXT,
    SEMANTIC,
    HYBRID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code text}, {@code semantic} or {@code hybrid}; null or empty: none chosen. */
    public static SearchMode parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "text", "fts", "keyword" -> TEXT;
            case "semantic", "vector", "meaning" -> SEMANTIC;
            case "hybrid", "both" -> HYBRID;
            default -> throw OmniException.invalid("unknown search mode '" + s.trim() + "' (use text, semantic or hybrid)");
        };
    }
}
