package dev.omni.core.search;

import dev.omni.core.Omni;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.semantic.Chunker;
import dev.omni.core.semantic.SemanticIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the text and semantic sides of every search share: candidate counts, widening, snippets. */
final class Legs {
    /** Candidates each side offers the fusion: at least this many, or three times the hits asked for. */
    static final int CANDIDATES = 50;
    /** A filtered semantic search widens its net up to this many neighbours before it gives up. */
    static final int MAX_NEIGHBOURS = 4096;
    private static final int SNIPPET = 240;

    private Legs() {
    }

    static int candidates(int limit) {
        return Math.max(CANDIDATES, Math.min(limit * 3, 1000));
    }

    /** Looks up which neighbours a filter lets through, by id. */
    @FunctionalInterface
    interface Matcher<T> {
        Map<String, T> match(Collection<String> ids);
    }

    /** A neighbour that passed the filter: the source and its cosine and best chunk. */
    record Near<T>(T item, SemanticIndex.Neighbour neighbour) {
    }

    /**
     * The {@code n} nearest sources of one kind that {@code matcher} lets through, best first:
     * asks for {@code n} neighbours, and for four times as many while the filter leaves too few.
     */
    static <T> List<Near<T>> nearest(SemanticIndex index, float[] q, boolean memory, int n, Matcher<T> matcher) {
        int k = n;
        double floor = index.model().minCosine();
        while (true) {
            List<SemanticIndex.Neighbour> all = index.nearest(q, memory, !memory, k);
            // Below the model's floor nothing is related: a query of nonsense finds nothing, not the least unrelated items.
            List<SemanticIndex.Neighbour> found = all.stream().filter(nb -> nb.cosine() >= floor).toList();
            Map<String, T> ok = matcher.match(found.stream().map(SemanticIndex.Neighbour::id).toList());
            List<Near<T>> out = new ArrayList<>();
            for (SemanticIndex.Neighbour nb : found) {
                T item = ok.get(nb.id());
                if (item != null && out.size() < n) {
                    out.add(new Near<>(item, nb));
                }
            }
            if (out.size() >= n || found.size() < k || k >= MAX_NEIGHBOURS) {
                return out;
            }
            k *= 4;
        }
    }

    /**
     * Looks up the cosine of the text hits that the semantic side did not return, so that every
     * hit of a hybrid search shows both scores (they do not change its rank).
     */
    static <T> void completeCosines(SemanticIndex index, float[] q, boolean memory, Map<String, SemanticIndex.Neighbour> cos,
                                    List<T> textHits, Function<T, String> id) {
        List<String> missing = new ArrayList<>();
        for (T t : textHits) {
            if (!cos.containsKey(id.apply(t))) {
                missing.add(id.apply(t));
            }
        }
        cos.putAll(index.similarity(q, memory, missing));
    }

    /** The start of {@code text} on one line, for a hit found by meaning (no words to mark). */
    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= SNIPPET ? t : t.substring(0, SNIPPET - 1) + "…";
    }

    /** The text of each message's best chunk, for hits found by meaning. */
    static Map<String, String> chunkTexts(Omni omni, Map<String, Integer> chunkOf) {
        Map<String, String> out = new HashMap<>();
        for (Message m : new ConversationService(omni).messagesById(chunkOf.keySet()).values()) {
            List<String> chunks = Chunker.message(m.role().wire(), m.content(), m.blocks());
            int i = chunkOf.get(m.id());
            out.put(m.id(), excerpt(i < chunks.size() ? chunks.get(i) : m.content()));
        }
        return out;
    }
}
