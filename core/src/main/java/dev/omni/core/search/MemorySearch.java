package dev.omni.core.search;

import dev.omni.core.Omni;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.semantic.SemanticIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Memory search in each mode: the text side (FTS5), the semantic side (vectors), and the two fused. */
final class MemorySearch {
    private MemorySearch() {
    }

    /** Full text: the words as typed, at most {@code n} hits. */
    static List<MemoryHit> text(Omni omni, String query, MemoryFilter f, int n) {
        return new MemoryService(omni).search(query, f.withLimit(n), false);
    }

    static List<MemoryHit> semantic(Omni omni, SemanticIndex index, float[] q, MemoryFilter f, int n) {
        List<Legs.Near<MemoryItem>> near = Legs.nearest(index, q, true, n,
                ids -> new MemoryService(omni).matching(ids, f));
        List<MemoryHit> out = new ArrayList<>();
        for (Legs.Near<MemoryItem> x : near) {
            double cos = x.neighbour().cosine();
            out.add(new MemoryHit(x.item(), cos, Legs.excerpt(x.item().content()), null, cos));
        }
        return out;
    }

    static List<MemoryHit> hybrid(Omni omni, SemanticIndex index, String query, float[] q, MemoryFilter f) {
        int limit = f.limit();
        int n = Legs.candidates(limit);
        List<MemoryHit> text = text(omni, query, f, n);
        List<Legs.Near<MemoryItem>> near = Legs.nearest(index, q, true, n,
                ids -> new MemoryService(omni).matching(ids, f));
        Map<String, SemanticIndex.Neighbour> cos = new HashMap<>();
        List<MemoryHit> nearHits = new ArrayList<>();
        for (Legs.Near<MemoryItem> x : near) {
            cos.put(x.item().id(), x.neighbour());
            nearHits.add(new MemoryHit(x.item(), 0, Legs.excerpt(x.item().content())));
        }
        Legs.completeCosines(index, q, true, cos, text, h -> h.item().id());
        Map<String, MemoryHit> textById = new HashMap<>();
        text.forEach(h -> textById.put(h.item().id(), h));
        List<MemoryHit> out = new ArrayList<>();
        for (Fusion.Fused<MemoryHit> fz : Fusion.fuse(text, nearHits, h -> h.item().id())) {
            if (out.size() >= limit) {
                break;
            }
            MemoryHit h = fz.item();
            MemoryHit t = textById.get(h.item().id());
            SemanticIndex.Neighbour nb = cos.get(h.item().id());
            out.add(new MemoryHit(h.item(), fz.score(), h.snippet(), t == null ? null : t.score(),
                    nb == null ? null : (double) nb.cosine()));
        }
        return out;
    }
}
