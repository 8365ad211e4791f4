package dev.omni.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place where full-text and semantic rankings become one: reciprocal rank fusion
 * (Cormack, Clarke and Büttcher, SIGIR 2009). A hit's fused score is the sum, over the two lists,
 * of {@code 1 / (K + rank)} with ranks from 1; a list that lacks the hit adds nothing. BM25 and
 * cosine live on different scales, and ranks need no calibration between them.
 *
 * <p>The text list holds what matches all the query's words (BM25 order), the semantic list the
 * nearest vectors (cosine order). A hit both lists hold beats one that only one list holds at the
 * same rank, and ties go to the text side: an exact identifier, which full text ranks first, stays
 * ahead of what is merely similar in meaning, while a question in other words than the answer's
 * (no text hit at all) is ranked by meaning alone. bench/semantic measured the alternatives: giving
 * every text hit a semantic rank too, or filling the text list with any of the query's words,
 * pushed the paraphrases' answers out of the top 10 (hybrid Recall@10 0.25 against 0.49).
 */
public final class Fusion {
    /** The RRF constant: 60, as in the paper; it damps the weight of the very first ranks. */
    public static final int K = 60;

    private Fusion() {
    }

    /** A fused hit: the item, its fused score, and its ranks (from 1; 0 when that list lacks it). */
    public record Fused<T>(T item, double score, int textRank, int semanticRank) {
    }

    /**
     * Fuses {@code text} (best first) and {@code semantic} (best first) by reciprocal rank. Items
     * are the same when {@code key} says so; the item kept is the text list's (it carries the
     * snippet of the words matched). Ties go to the better text rank, then the better semantic rank.
     */
    public static <T> List<Fused<T>> fuse(List<T> text, List<T> semantic, Function<T, String> key) {
        Map<String, T> items = new LinkedHashMap<>();
        Map<String, Integer> textRank = new HashMap<>();
        Map<String, Integer> semRank = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            String k = key.apply(text.get(i));
            if (textRank.putIfAbsent(k, i + 1) == null) {
                items.put(k, text.get(i));
            }
        }
        for (int i = 0; i < semantic.size(); i++) {
            String k = key.apply(semantic.get(i));
            if (semRank.putIfAbsent(k, i + 1) == null) {
                items.putIfAbsent(k, semantic.get(i));
            }
        }
        List<Fused<T>> out = new ArrayList<>(items.size());
        for (Map.Entry<String, T> e : items.entrySet()) {
            int t = textRank.getOrDefault(e.getKey(), 0);
            int s = semRank.getOrDefault(e.getKey(), 0);
            out.add(new Fused<>(e.getValue(), score(t) + score(s), t, s));
        }
        out.sort(Comparator.comparingDouble((Fused<T> f) -> -f.score())
                .thenComparingInt(f -> f.textRank() == 0 ? Integer.MAX_VALUE : f.textRank())
                .thenComparingInt(f -> f.semanticRank() == 0 ? Integer.MAX_VALUE : f.semanticRank()));
        return out;
    }

    /** One list's share: {@code 1 / (K + rank)}, nothing for rank 0 (absent). */
    static double score(int rank) {
        return rank == 0 ? 0 : 1.0 / (K + rank);
    }
}
