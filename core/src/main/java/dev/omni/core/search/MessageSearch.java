package dev.omni.core.search;

import dev.omni.core.Omni;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.semantic.SemanticIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Message search in each mode: the text side (FTS5), the semantic side (chunk vectors), and the two fused. */
final class MessageSearch {
    private MessageSearch() {
    }

    /** Full text: the words as typed, at most {@code n} hits. */
    static List<MessageHit> text(Omni omni, String query, ConversationFilter f, int n) {
        return new ConversationService(omni).search(query, new ConversationFilter(f.projectId(), f.workspaceId(), f.source(), f.since(),
                f.role(), f.deleted(), n));
    }

    /** The messages nearest {@code q} that the filter lets through, with their best chunk as snippet. */
    static List<MessageHit> semantic(Omni omni, SemanticIndex index, float[] q, ConversationFilter f, int n) {
        List<Legs.Near<MessageHit>> near = Legs.nearest(index, q, false, n,
                ids -> new ConversationService(omni).matching(ids, f));
        Map<String, Integer> chunkOf = new HashMap<>();
        near.forEach(x -> chunkOf.put(x.item().messageId(), x.neighbour().chunk()));
        Map<String, String> snippets = Legs.chunkTexts(omni, chunkOf);
        List<MessageHit> out = new ArrayList<>();
        for (Legs.Near<MessageHit> x : near) {
            double cos = x.neighbour().cosine();
            out.add(x.item().ranked(cos, snippets.get(x.item().messageId()), null, cos));
        }
        return out;
    }

    static List<MessageHit> hybrid(Omni omni, SemanticIndex index, String query, float[] q, ConversationFilter f) {
        int limit = f.limit();
        int n = Legs.candidates(limit);
        List<MessageHit> text = text(omni, query, f, n);
        List<MessageHit> nearHits = semantic(omni, index, q, f, n);
        Map<String, SemanticIndex.Neighbour> cos = new HashMap<>();
        for (MessageHit h : nearHits) {
            cos.put(h.messageId(), new SemanticIndex.Neighbour(false, h.messageId(), 0, 0, h.semanticScore().floatValue()));
        }
        Legs.completeCosines(index, q, false, cos, text, MessageHit::messageId);
        Map<String, MessageHit> textById = new HashMap<>();
        text.forEach(h -> textById.put(h.messageId(), h));
        List<MessageHit> out = new ArrayList<>();
        for (Fusion.Fused<MessageHit> fz : Fusion.fuse(text, nearHits, MessageHit::messageId)) {
            if (out.size() >= limit) {
                break;
            }
            MessageHit h = fz.item();
            MessageHit t = textById.get(h.messageId());
            SemanticIndex.Neighbour nb = cos.get(h.messageId());
            out.add(h.ranked(fz.score(), h.snippet(), t == null ? null : t.score(), nb == null ? null : (double) nb.cosine()));
        }
        return out;
    }
}
