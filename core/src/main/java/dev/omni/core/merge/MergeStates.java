package dev.omni.core.merge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.store.Database;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for merges in progress; {@link MergeService} is their API. */
final class MergeStates {
    private MergeStates() {
    }

    static Optional<MergeState> find(Connection c, String workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT phase, their_workspace_id, their_snapshot_id, ours_snapshot_id,"
                + " base_snapshot_id, merged_tree, strategy, conflicts, started_at FROM merge_state WHERE workspace_id = ?")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String base = rs.getString(5);
                return Optional.of(new MergeState(workspaceId, rs.getString(1), rs.getString(2), new SnapshotId(rs.getString(3)),
                        new SnapshotId(rs.getString(4)), base == null ? null : new SnapshotId(base), ObjectId.parse(rs.getString(6)),
                        TreeMerge.Strategy.valueOf(rs.getString(7)), conflicts(rs.getString(8)), Times.parse(rs.getString(9))));
            }
        }
    }

    static void save(Connection c, MergeState s) throws SQLException {
        List<Map<String, String>> cs = new ArrayList<>();
        for (TreeMerge.Conflict k : s.conflicts()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", k.path());
            m.put("kind", k.kind().name());
            m.put("detail", k.detail());
            cs.add(m);
        }
        Database.update(c, "INSERT OR REPLACE INTO merge_state(workspace_id, phase, their_workspace_id, their_snapshot_id,"
                + " ours_snapshot_id, base_snapshot_id, merged_tree, strategy, conflicts, started_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                s.workspaceId(), s.phase(), s.theirWorkspaceId(), s.theirSnapshot().value(), s.oursSnapshot().value(),
                s.baseSnapshot() == null ? null : s.baseSnapshot().value(), s.mergedTree().hex(), s.strategy().name(),
                Json.write(cs), Times.format(s.startedAt()));
    }

    static void delete(Connection c, String workspaceId) throws SQLException {
        Database.update(c, "DELETE FROM merge_state WHERE workspace_id = ?", workspaceId);
    }

    private static List<TreeMerge.Conflict> conflicts(String json) {
        List<TreeMerge.Conflict> out = new ArrayList<>();
        try {
            for (JsonNode n : Json.mapper().readTree(json)) {
                out.add(new TreeMerge.Conflict(n.path("path").asText(), TreeMerge.Conflict.Kind.valueOf(n.path("kind").asText()),
                        n.path("detail").asText()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("damaged merge state: " + e.getMessage(), e);
        }
        return out;
    }
}
