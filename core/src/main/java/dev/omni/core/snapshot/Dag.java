package dev.omni.core.snapshot;

import dev.omni.core.model.SnapshotId;
import dev.omni.core.store.sqlite.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL questions about the snapshot DAG: ancestry and merge bases. */
final class Dag {
    private static final String ANCESTORS = "WITH RECURSIVE anc(id) AS (SELECT ? UNION"
            + " SELECT p.parent_id FROM snapshot_parents p JOIN anc ON p.snapshot_id = anc.id) ";

    private Dag() {
    }

    /** {@code id} and every snapshot it descends from. */
    static Set<SnapshotId> ancestors(Connection c, SnapshotId id) throws SQLException {
        Set<SnapshotId> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(ANCESTORS + "SELECT id FROM anc")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SnapshotId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** The history of {@code head}, newest first: the snapshots it descends from (itself included). */
    static List<Snapshot> history(Connection c, SnapshotId head, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ANCESTORS
                + "SELECT s.id FROM snapshots s JOIN anc ON s.id = anc.id ORDER BY s.created_at DESC, s.id DESC LIMIT ?")) {
            ps.setString(1, head.value());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        List<Snapshot> out = new ArrayList<>(ids.size());
        Sql.forEachChunk(ids, part -> out.addAll(Snapshots.query(c, "WHERE id IN (" + Sql.placeholders(part.size())
                + ") ORDER BY created_at DESC, id DESC", part.toArray())));
        return out;
    }

    /**
     * The best common ancestor of {@code a} and {@code b}: among the snapshots both descend from,
     * one that no other common ancestor descends from (the newest, when there are several, as after
     * criss-cross merges). Empty when the two share no history.
     */
    static Optional<SnapshotId> mergeBase(Connection c, SnapshotId a, SnapshotId b) throws SQLException {
        Set<SnapshotId> ofA = ancestors(c, a);
        if (ofA.contains(b)) {
            return Optional.of(b);
        }
        String sql = ANCESTORS + "SELECT s.id FROM snapshots s JOIN anc ON s.id = anc.id ORDER BY s.created_at DESC, s.id DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, b.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SnapshotId s = new SnapshotId(rs.getString(1));
                    if (ofA.contains(s)) {
                        return Optional.of(s);
                    }
                }
            }
        }
        return Optional.empty();
    }

}
