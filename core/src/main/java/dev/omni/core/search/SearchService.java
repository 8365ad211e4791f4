package dev.omni.core.search;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.semantic.SemanticIndex;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The searches of omni, for every front end (CLI, desktop, MCP): one ranked list across memory
 * items, conversation messages and the file paths of the workspaces' current snapshots
 * ({@link #search(SearchRequest)}), and searches of memory ({@link #memory}) and messages
 * ({@link #messages}) alone, each in a {@link SearchMode}.
 *
 * <p>Text: FTS5 ranked by BM25. BM25 scores of different indexes are not comparable (their
 * statistics differ), so across kinds each kind's scores are divided by its best one and weighted
 * (memory 1.0, messages 0.9, files 0.8: curated knowledge first). Semantic: the cosine of the
 * query's vector and the stored vectors (memory items and message chunks; file paths have none).
 * Hybrid: both lists fused by {@link Fusion}.
 *
 * <p>Without a mode, a search is hybrid when the semantic index covers its scope, and text when it
 * does not (the result says how much is missing). When only a few items wait, they are embedded on
 * the spot first.
 */
public final class SearchService {
    private static final Map<SearchKind, Double> WEIGHT = Map.of(SearchKind.MEMORY, 1.0, SearchKind.MESSAGE, 0.9,
            SearchKind.FILE, 0.8);

    private final Omni omni;
    private SemanticIndex semantic;

    public SearchService(Omni omni) {
        this.omni = omni;
    }

    /** With a semantic index that outlives this service (its model stays loaded between searches). */
    public SearchService(Omni omni, SemanticIndex semantic) {
        this.omni = omni;
        this.semantic = semantic;
    }

    private synchronized SemanticIndex semantic() {
        if (semantic == null) {
            semantic = new SemanticIndex(omni);
        }
        return semantic;
    }

    /** The best {@code limit} hits for {@code query} among {@code kinds}, in one project's scope when {@code projectId} is set. */
    public List<SearchHit> search(String query, Set<SearchKind> kinds, String projectId, int limit) {
        return search(new SearchRequest(query, kinds, projectId, limit, null)).hits();
    }

    /** How a search will run: its mode, and what the index lacks in its scope. */
    private record Plan(SearchMode mode, boolean chosen, long notIndexed, boolean stale) {
    }

    /**
     * The mode to run in: {@code asked}, or when none, hybrid if the index covers the scope and text
     * if not. A few waiting items are embedded first (the model is loaded for the query anyway).
     */
    private Plan plan(SearchMode asked, String projectId, boolean semanticKinds) {
        if (asked == SearchMode.TEXT || !semanticKinds) {
            return new Plan(SearchMode.TEXT, asked == null, 0, false);
        }
        SemanticIndex idx = semantic();
        if (!idx.hasModel()) {
            if (asked == null) {
                return new Plan(SearchMode.TEXT, true, 0, false);
            }
            throw new OmniException(OmniException.Kind.NOT_FOUND, "no embedding model is installed with this omni, so it cannot search by meaning");
        }
        SemanticIndex.Coverage cov = idx.coverage(projectId);
        if (cov.empty() && cov.complete()) {
            return new Plan(asked == null ? SearchMode.TEXT : asked, asked == null, 0, false);
        }
        if (!cov.complete() && cov.catchable() && idx.indexIfIdle(dev.omni.core.Progress.NONE, () -> false) != null) {
            omni.trace("caught up with the semantic index");
            cov = idx.coverage(projectId);
        }
        if (asked == null) {
            return cov.complete() && cov.current() ? new Plan(SearchMode.HYBRID, true, 0, false)
                    : new Plan(SearchMode.TEXT, true, cov.pending(), cov.otherModel());
        }
        return new Plan(asked, false, cov.pending(), cov.otherModel());
    }

    private static String match(String query) {
        String match = FtsQuery.parse(query);
        if (match == null) {
            throw OmniException.invalid("nothing to search for in '" + query + "'");
        }
        return match;
    }

    /** Memory items matching the request, best first. */
    public SearchResult<MemoryHit> memory(MemorySearchRequest r) {
        match(r.query());
        MemoryFilter f = r.filter();
        String scope = f.scope() == MemoryFilter.Scope.PROJECT || f.scope() == MemoryFilter.Scope.PROJECT_AND_GLOBAL ? f.projectId() : null;
        Plan p = plan(r.mode(), scope, true);
        List<MemoryHit> hits = switch (p.mode()) {
            case TEXT -> MemorySearch.text(omni, r.query(), f, f.limit());
            case SEMANTIC -> MemorySearch.semantic(omni, semantic(), semantic().embedQuery(r.query()), f, f.limit());
            case HYBRID -> MemorySearch.hybrid(omni, semantic(), r.query(), semantic().embedQuery(r.query()), f);
        };
        omni.trace("memory searched (" + p.mode().wire() + ")");
        if (r.countAccess()) {
            new MemoryService(omni).countAccess(hits.stream().map(h -> h.item().id()).toList());
        }
        return new SearchResult<>(hits, p.mode(), p.chosen(), p.notIndexed(), p.stale());
    }

    /** Messages matching the request, best first. */
    public SearchResult<MessageHit> messages(MessageSearchRequest r) {
        match(r.query());
        ConversationFilter f = r.filter();
        Plan p = plan(r.mode(), f.projectId(), true);
        List<MessageHit> hits = switch (p.mode()) {
            case TEXT -> MessageSearch.text(omni, r.query(), f, f.limit());
            case SEMANTIC -> MessageSearch.semantic(omni, semantic(), semantic().embedQuery(r.query()), f, f.limit());
            case HYBRID -> MessageSearch.hybrid(omni, semantic(), r.query(), semantic().embedQuery(r.query()), f);
        };
        omni.trace("messages searched (" + p.mode().wire() + ")");
        return new SearchResult<>(hits, p.mode(), p.chosen(), p.notIndexed(), p.stale());
    }

    /** The best hits across the request's kinds, in its mode. */
    public SearchResult<SearchHit> search(SearchRequest r) {
        String match = match(r.query());
        if (r.limit() < 1) {
            throw OmniException.invalid("-n must be at least 1");
        }
        Set<SearchKind> kinds = r.kinds();
        boolean semanticKinds = kinds.contains(SearchKind.MEMORY) || kinds.contains(SearchKind.MESSAGE);
        Plan p = plan(r.mode(), r.projectId(), semanticKinds);
        if (kinds.contains(SearchKind.FILE) && p.mode() != SearchMode.SEMANTIC) {
            new FileIndex(omni).refresh();
            omni.trace("file index up to date");
        }
        List<SearchHit> hits = switch (p.mode()) {
            case TEXT -> top(text(r.query(), match, kinds, r.projectId(), r.limit()), r.limit());
            case SEMANTIC -> top(semanticHits(semantic().embedQuery(r.query()), kinds, r.projectId(), r.limit()), r.limit());
            case HYBRID -> hybrid(r, match);
        };
        return new SearchResult<>(hits, p.mode(), p.chosen(), p.notIndexed(), p.stale());
    }

    private static List<SearchHit> top(List<SearchHit> all, int limit) {
        return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
    }

    private List<SearchHit> hybrid(SearchRequest r, String match) {
        int n = Legs.candidates(r.limit());
        List<SearchHit> text = text(r.query(), match, r.kinds(), r.projectId(), n);
        float[] q = semantic().embedQuery(r.query());
        omni.trace("query embedded");
        List<SearchHit> near = semanticHits(q, r.kinds(), r.projectId(), n);
        omni.trace("semantic side searched");
        Map<String, SemanticIndex.Neighbour> cos = new HashMap<>();
        for (SearchHit h : near) {
            cos.put(h.key(), new SemanticIndex.Neighbour(h.kind() == SearchKind.MEMORY, h.key(), 0, 0, h.semanticScore().floatValue()));
        }
        // The text hits' cosines, by kind, to show (file paths have none); they do not change the ranks.
        for (SearchKind k : List.of(SearchKind.MEMORY, SearchKind.MESSAGE)) {
            List<String> ids = new ArrayList<>();
            for (SearchHit h : text) {
                if (h.kind() == k && !cos.containsKey(h.key())) {
                    ids.add(k == SearchKind.MEMORY ? h.memoryId() : h.messageId());
                }
            }
            for (SemanticIndex.Neighbour nb : semantic().similarity(q, k == SearchKind.MEMORY, ids).values()) {
                cos.put((k == SearchKind.MEMORY ? "m:" : "c:") + nb.id(), nb);
            }
        }
        Map<String, SearchHit> textByKey = new HashMap<>();
        text.forEach(h -> textByKey.put(h.key(), h));
        List<SearchHit> out = new ArrayList<>();
        for (Fusion.Fused<SearchHit> fz : Fusion.fuse(text, near, SearchHit::key)) {
            if (out.size() >= r.limit()) {
                break;
            }
            SearchHit t = textByKey.get(fz.item().key());
            SemanticIndex.Neighbour nb = cos.get(fz.item().key());
            out.add(fz.item().ranked(fz.score(), fz.item().snippet(), t == null ? null : t.textScore(),
                    nb == null ? null : (double) nb.cosine()));
        }
        omni.trace("fused");
        return out;
    }

    /** The semantic side across memory and messages: nearest first, with names and snippets. */
    private List<SearchHit> semanticHits(float[] q, Set<SearchKind> kinds, String projectId, int n) {
        List<SearchHit> out = new ArrayList<>();
        Names names = Names.load(new WorkspaceService(omni));
        if (kinds.contains(SearchKind.MEMORY)) {
            MemoryFilter f = MemoryFilter.applyingTo(projectId).withLimit(n);
            out.addAll(memory(MemorySearch.semantic(omni, semantic(), q, f, n), names));
        }
        if (kinds.contains(SearchKind.MESSAGE)) {
            ConversationFilter f = ConversationFilter.all(n).withProject(projectId);
            out.addAll(messages(MessageSearch.semantic(omni, semantic(), q, f, n), names));
        }
        out.sort(Comparator.comparingDouble((SearchHit h) -> -h.semanticScore()));
        return out;
    }

    /** The text side: each kind's BM25 list normalized and weighted, merged. */
    private List<SearchHit> text(String query, String match, Set<SearchKind> kinds, String projectId, int limit) {
        Names names = Names.load(new WorkspaceService(omni));
        List<SearchHit> all = new ArrayList<>();
        if (kinds.contains(SearchKind.MEMORY)) {
            MemoryFilter f = MemoryFilter.applyingTo(projectId).withLimit(limit);
            all.addAll(normalize(memory(MemorySearch.text(omni, query, f, limit), names)));
            omni.trace("memory searched");
        }
        if (kinds.contains(SearchKind.MESSAGE)) {
            ConversationFilter f = ConversationFilter.all(limit).withProject(projectId);
            all.addAll(normalize(messages(MessageSearch.text(omni, query, f, limit), names)));
            omni.trace("messages searched");
        }
        if (kinds.contains(SearchKind.FILE)) {
            all.addAll(normalize(files(new FileIndex(omni).search(match, projectId, limit), names)));
            omni.trace("file paths searched");
        }
        all.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(h -> h.kind().ordinal()));
        return all;
    }

    /** Project and workspace names, to say where each hit lives. */
    private record Names(Map<String, Project> projects, Map<String, Workspace> workspaces) {
        static Names load(WorkspaceService workspaces) {
            Map<String, Project> p = new HashMap<>();
            for (Project x : workspaces.projects()) {
                p.put(x.id(), x);
            }
            Map<String, Workspace> w = new HashMap<>();
            for (Workspace x : workspaces.workspaces(null)) {
                w.put(x.id(), x);
            }
            return new Names(p, w);
        }

        String project(String id) {
            Project x = id == null ? null : projects.get(id);
            return x == null ? null : x.name();
        }

        String workspace(String id) {
            Workspace x = id == null ? null : workspaces.get(id);
            return x == null ? null : x.name();
        }
    }

    /** BM25 (lower is better) as a score where the kind's best hit is its weight. */
    private static List<SearchHit> normalize(List<SearchHit> hits) {
        if (hits.isEmpty()) {
            return hits;
        }
        double best = hits.stream().mapToDouble(SearchHit::score).min().orElse(-1);
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            double s = best < 0 ? h.score() / best : 1.0;
            out.add(h.ranked(s * WEIGHT.get(h.kind()), h.snippet(), h.textScore(), h.semanticScore()));
        }
        return out;
    }

    private static List<SearchHit> memory(List<MemoryHit> hits, Names n) {
        List<SearchHit> out = new ArrayList<>();
        for (MemoryHit h : hits) {
            var m = h.item();
            out.add(new SearchHit(SearchKind.MEMORY, h.score(), h.snippet(), m.projectId(), n.project(m.projectId()), null, null,
                    m.id(), m.type().wire(), null, null, null, null, null, null, null, m.updatedAt(), h.textScore(), h.semanticScore()));
        }
        return out;
    }

    private static List<SearchHit> messages(List<MessageHit> hits, Names n) {
        List<SearchHit> out = new ArrayList<>();
        for (MessageHit h : hits) {
            out.add(new SearchHit(SearchKind.MESSAGE, h.score(), h.snippet(), h.projectId(), n.project(h.projectId()), h.workspaceId(),
                    n.workspace(h.workspaceId()), null, null, h.conversationId(), h.conversationTitle(), h.messageId(), h.seq(),
                    h.role().wire(), null, null, h.createdAt(), h.textScore(), h.semanticScore()));
        }
        return out;
    }

    private static List<SearchHit> files(List<FileIndex.PathHit> hits, Names n) {
        List<SearchHit> out = new ArrayList<>();
        for (FileIndex.PathHit h : hits) {
            Workspace w = n.workspaces().get(h.workspaceId());
            String pid = w == null ? null : w.projectId();
            out.add(new SearchHit(SearchKind.FILE, h.rank(), h.snippet(), pid, n.project(pid), h.workspaceId(),
                    w == null ? null : w.name(), null, null, null, null, null, null, null, h.snapshotId(), h.path(), null, h.rank(), null));
        }
        return out;
    }
}
