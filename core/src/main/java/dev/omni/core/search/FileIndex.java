package dev.omni.core.search;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.store.Database;
import dev.omni.core.tree.Manifest;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file paths of every workspace's current snapshot in an FTS5 index, brought up to date when
 * a search needs it: a workspace whose head moved since it was indexed is indexed again from its
 * manifest. The snapshot engine knows nothing of this; the index only reads what it stored.
 */
final class FileIndex {
    private final Omni omni;

    FileIndex(Omni omni) {
        this.omni = omni;
    }

    /** Re-indexes the workspaces whose current snapshot is not the one indexed; drops those gone. */
    void refresh() {
        Map<String, String> indexed = new HashMap<>();
        List<Workspace> all;
        omni.db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, snapshot_id FROM search_paths_state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexed.put(rs.getString(1), rs.getString(2));
                }
            }
            return null;
        });
        all = new WorkspaceService(omni).workspaces(null);
        List<String> gone = new ArrayList<>(indexed.keySet());
        for (Workspace w : all) {
            gone.remove(w.id());
            SnapshotId head = w.currentSnapshot();
            if (head == null) {
                if (indexed.containsKey(w.id())) {
                    gone.add(w.id());
                }
                continue;
            }
            if (head.value().equals(indexed.get(w.id()))) {
                continue;
            }
            List<String> paths;
            try {
                paths = paths(head);
            } catch (OmniException e) {
                continue; // its trees are not here (yet): search it once they are
            }
            omni.db().write(c -> {
                Database.update(c, "DELETE FROM search_paths WHERE workspace_id = ?", w.id());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO search_paths(workspace_id, path) VALUES (?,?)")) {
                    for (String p : paths) {
                        ps.setString(1, w.id());
                        ps.setString(2, p);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                Database.update(c, "INSERT INTO search_paths_state(workspace_id, snapshot_id, indexed_at) VALUES (?,?,?)"
                        + " ON CONFLICT(workspace_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, indexed_at = excluded.indexed_at",
                        w.id(), head.value(), Times.format(omni.now()));
                return null;
            });
        }
        if (!gone.isEmpty()) {
            omni.db().write(c -> {
                for (String id : gone) {
                    Database.update(c, "DELETE FROM search_paths WHERE workspace_id = ?", id);
                    Database.update(c, "DELETE FROM search_paths_state WHERE workspace_id = ?", id);
                }
                return null;
            });
        }
    }

    /** Files and symlinks of a snapshot (directories show in their contents' paths). */
    private List<String> paths(SnapshotId snap) {
        SnapshotService s = new SnapshotService(omni);
        List<String> out = new ArrayList<>();
        for (Manifest.Item i : s.files(s.get(snap))) {
            if (!i.entry().isDir()) {
                out.add(i.path());
            }
        }
        return out;
    }

    /** A path that matched: in which workspace and snapshot, its BM25 rank (lower is better), the path marked. */
    record PathHit(String workspaceId, String path, double rank, String snippet, String snapshotId) {
    }

    /** The best {@code limit} paths matching {@code match} (an FTS5 query), in one project's workspaces when {@code projectId} is set. */
    List<PathHit> search(String match, String projectId, int limit) {
        String sql = "SELECT s.workspace_id, s.path, search_paths_fts.rank, highlight(search_paths_fts, 0, ?, ?), st.snapshot_id"
                + " FROM search_paths_fts JOIN search_paths s ON s.pk = search_paths_fts.rowid"
                + " JOIN search_paths_state st ON st.workspace_id = s.workspace_id"
                + " WHERE search_paths_fts MATCH ?"
                + (projectId == null ? "" : " AND s.workspace_id IN (SELECT id FROM workspaces WHERE project_id = ?)")
                + " ORDER BY search_paths_fts.rank LIMIT ?";
        return omni.db().read(c -> {
            List<PathHit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (projectId == null) {
                    Database.bind(ps, FtsQuery.MARK_START, FtsQuery.MARK_END, match, limit);
                } else {
                    Database.bind(ps, FtsQuery.MARK_START, FtsQuery.MARK_END, match, projectId, limit);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PathHit(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }
}
