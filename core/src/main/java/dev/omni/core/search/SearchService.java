package dev.omni.core.search;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryService;
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
 * One search across memory items, conversation messages and the file paths of the workspaces'
 * current snapshots. Each kind is searched with FTS5 and ranked by BM25; BM25 scores of different
 * indexes are not comparable (their statistics differ), so each kind's scores are divided by its
 * best one and weighted (memory 1.0, messages 0.9, files 0.8: curated knowledge first), and the
 * lists are merged on that.
 */
public final class SearchService {
    private static final Map<SearchKind, Double> WEIGHT = Map.of(SearchKind.MEMORY, 1.0, SearchKind.MESSAGE, 0.9,
            SearchKind.FILE, 0.8);

    private final Omni omni;

    public SearchService(Omni omni) {
        this.omni = omni;
    }

    /** The best {@code limit} hits for {@code query} among {@code kinds}, in one project's scope when {@code projectId} is set. */
    public List<SearchHit> search(String query, Set<SearchKind> kinds, String projectId, int limit) {
        String match = FtsQuery.parse(query);
        if (match == null) {
            throw OmniException.invalid("nothing to search for in '" + query + "'");
        }
        if (limit < 1) {
            throw OmniException.invalid("-n must be at least 1");
        }
        if (kinds.contains(SearchKind.FILE)) {
            new FileIndex(omni).refresh();
            omni.trace("file index up to date");
        }
        Names names = Names.load(new WorkspaceService(omni));
        List<SearchHit> all = new ArrayList<>();
        if (kinds.contains(SearchKind.MEMORY)) {
            MemoryFilter f = MemoryFilter.applyingTo(projectId).withLimit(limit);
            all.addAll(normalize(memory(new MemoryService(omni).search(query, f, false), names)));
            omni.trace("memory searched");
        }
        if (kinds.contains(SearchKind.MESSAGE)) {
            ConversationFilter f = ConversationFilter.all(limit).withProject(projectId);
            all.addAll(normalize(messages(new ConversationService(omni).search(query, f), names)));
            omni.trace("messages searched");
        }
        if (kinds.contains(SearchKind.FILE)) {
            all.addAll(normalize(files(new FileIndex(omni).search(match, projectId, limit), names)));
            omni.trace("file paths searched");
        }
        all.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(h -> h.kind().ordinal()));
        return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
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
            out.add(new SearchHit(h.kind(), s * WEIGHT.get(h.kind()), h.snippet(), h.projectId(), h.projectName(), h.workspaceId(),
                    h.workspaceName(), h.memoryId(), h.memoryType(), h.conversationId(), h.conversationTitle(), h.messageId(), h.seq(),
                    h.role(), h.snapshotId(), h.path(), h.at()));
        }
        return out;
    }

    private static List<SearchHit> memory(List<MemoryHit> hits, Names n) {
        List<SearchHit> out = new ArrayList<>();
        for (MemoryHit h : hits) {
            var m = h.item();
            out.add(new SearchHit(SearchKind.MEMORY, h.score(), h.snippet(), m.projectId(), n.project(m.projectId()), null, null,
                    m.id(), m.type().wire(), null, null, null, null, null, null, null, m.updatedAt()));
        }
        return out;
    }

    private static List<SearchHit> messages(List<MessageHit> hits, Names n) {
        List<SearchHit> out = new ArrayList<>();
        for (MessageHit h : hits) {
            out.add(new SearchHit(SearchKind.MESSAGE, h.score(), h.snippet(), h.projectId(), n.project(h.projectId()), h.workspaceId(),
                    n.workspace(h.workspaceId()), null, null, h.conversationId(), h.conversationTitle(), h.messageId(), h.seq(),
                    h.role().wire(), null, null, h.createdAt()));
        }
        return out;
    }

    private static List<SearchHit> files(List<FileIndex.PathHit> hits, Names n) {
        List<SearchHit> out = new ArrayList<>();
        for (FileIndex.PathHit h : hits) {
            Workspace w = n.workspaces().get(h.workspaceId());
            String pid = w == null ? null : w.projectId();
            out.add(new SearchHit(SearchKind.FILE, h.rank(), h.snippet(), pid, n.project(pid), h.workspaceId(),
                    w == null ? null : w.name(), null, null, null, null, null, null, null, h.snapshotId(), h.path(), null));
        }
        return out;
    }
}
