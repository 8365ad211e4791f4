package dev.omni.core.snapshot;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for snapshots and their parents; {@link SnapshotService} is their API. */
final class Snapshots {
    private static final String COLS = "id, project_id, workspace_id, manifest_hash, source, message, author, created_at,"
            + " files, bytes, git_branch, git_commit";

    private Snapshots() {
    }

    static void insert(Connection c, Snapshot s) throws SQLException {
        Database.update(c, "INSERT INTO snapshots(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", s.id().value(),
                s.projectId(), s.workspaceId(), s.manifestHash().hex(), s.source(), s.message(), s.author(),
                Times.format(s.createdAt()), s.files(), s.bytes(), s.gitBranch(), s.gitCommit());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_parents(snapshot_id, position, parent_id) VALUES (?,?,?)")) {
            for (int i = 0; i < s.parents().size(); i++) {
                ps.setString(1, s.id().value());
                ps.setInt(2, i);
                ps.setString(3, s.parents().get(i).value());
                ps.executeUpdate();
            }
        }
    }

    static boolean exists(Connection c, SnapshotId id) throws SQLException {
        return Database.queryLong(c, "SELECT 1 FROM snapshots WHERE id = ?", 0, id.value()) == 1;
    }

    static Optional<Snapshot> find(Connection c, SnapshotId id) throws SQLException {
        List<Snapshot> l = query(c, "WHERE id = ?", id.value());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Ids starting with {@code prefix}, at most {@code limit}. */
    static List<SnapshotId> withPrefix(Connection c, String prefix, int limit) throws SQLException {
        List<SnapshotId> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM snapshots WHERE id >= ? AND id < ? ORDER BY id LIMIT ?")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix + "~");
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SnapshotId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** A project's snapshots across workspaces, newest first. */
    static List<Snapshot> ofProject(Connection c, String projectId, int limit) throws SQLException {
        return query(c, "WHERE project_id = ? ORDER BY created_at DESC, id DESC LIMIT ?", projectId, limit);
    }

    /** Every snapshot's root tree, for gc and fsck. */
    static Map<SnapshotId, ObjectId> allManifests(Connection c) throws SQLException {
        Map<SnapshotId, ObjectId> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, manifest_hash FROM snapshots"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(new SnapshotId(rs.getString(1)), ObjectId.parse(rs.getString(2)));
            }
        }
        return out;
    }

    static List<SnapshotService.DanglingParent> danglingParents(Connection c) throws SQLException {
        List<SnapshotService.DanglingParent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.snapshot_id, p.parent_id FROM snapshot_parents p"
                + " LEFT JOIN snapshots s ON s.id = p.parent_id WHERE s.id IS NULL ORDER BY p.snapshot_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SnapshotService.DanglingParent(new SnapshotId(rs.getString(1)), new SnapshotId(rs.getString(2))));
            }
        }
        return out;
    }

    static List<SnapshotId> parents(Connection c, SnapshotId id) throws SQLException {
        List<SnapshotId> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT parent_id FROM snapshot_parents WHERE snapshot_id = ? ORDER BY position")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SnapshotId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    static List<Snapshot> query(Connection c, String where, Object... args) throws SQLException {
        List<Snapshot> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM snapshots " + where)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SnapshotId id = new SnapshotId(rs.getString(1));
                    out.add(new Snapshot(id, rs.getString(2), rs.getString(3), ObjectId.parse(rs.getString(4)), List.of(),
                            rs.getString(5), rs.getString(6), rs.getString(7), Times.parse(rs.getString(8)), rs.getLong(9),
                            rs.getLong(10), rs.getString(11), rs.getString(12)));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        // Parents in one query for the whole page.
        Map<String, List<SnapshotId>> parents = new HashMap<>();
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, parent_id FROM snapshot_parents WHERE snapshot_id IN ("
                + in + ") ORDER BY snapshot_id, position")) {
            for (int i = 0; i < out.size(); i++) {
                ps.setString(i + 1, out.get(i).id().value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parents.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SnapshotId(rs.getString(2)));
                }
            }
        }
        List<Snapshot> withParents = new ArrayList<>(out.size());
        for (Snapshot s : out) {
            List<SnapshotId> p = parents.getOrDefault(s.id().value(), List.of());
            withParents.add(new Snapshot(s.id(), s.projectId(), s.workspaceId(), s.manifestHash(), p, s.source(), s.message(),
                    s.author(), s.createdAt(), s.files(), s.bytes(), s.gitBranch(), s.gitCommit()));
        }
        return withParents;
    }
}
