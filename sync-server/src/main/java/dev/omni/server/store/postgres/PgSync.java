package dev.omni.server.store.postgres;

import static dev.omni.server.store.postgres.PostgresDatabase.list;
import static dev.omni.server.store.postgres.PostgresDatabase.one;
import static dev.omni.server.store.postgres.PostgresDatabase.update;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.store.ActivityEvent;
import dev.omni.server.store.HeadMove;
import dev.omni.server.store.Page;
import dev.omni.server.store.Project;
import dev.omni.server.store.PutOutcome;
import dev.omni.server.store.Snapshot;
import dev.omni.server.store.SyncRepository;
import dev.omni.server.store.Workspace;
import dev.omni.server.store.WorkspaceInput;
import dev.omni.server.store.postgres.PostgresDatabase.TextArray;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Projects, workspaces, snapshots and activity on PostgreSQL. A transaction that adds activity or a
 * snapshot takes its project's listing lock ({@link PostgresDatabase#lockListing}) just before;
 * the head move is a conditional update on the version, so two instances moving one head cannot
 * both win. Rows are locked {@code FOR NO KEY UPDATE}, which does not block the foreign-key checks
 * of inserts into the same project.
 */
final class PgSync implements SyncRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT_COLUMNS = "id, name, main_workspace_id, last_snapshot_id, created_at, updated_at";
    private static final String WORKSPACE_COLUMNS = "id, project_id, name, machine_id, local_path, base_snapshot_id,"
            + " current_snapshot_id, version, last_seen_at, created_at, updated_at";
    private static final String SNAPSHOT_COLUMNS = "seq, id, project_id, workspace_id, manifest_hash, parents, message,"
            + " source, author, created_at, files, bytes, received_at";

    private final PostgresDatabase db;

    PgSync(PostgresDatabase db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- projects

    @Override
    public Optional<Project> project(String userId, String projectId) {
        return db.read(c -> findProject(c, userId, projectId, false));
    }

    private static Optional<Project> findProject(Connection c, String userId, String projectId, boolean lock)
            throws SQLException {
        return one(c, "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE user_id = ? AND id = ?"
                + (lock ? " FOR NO KEY UPDATE" : ""), PgSync::mapProject, userId, projectId);
    }

    @Override
    public List<Project> projects(String userId) {
        return db.read(c -> list(c, "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE user_id = ? ORDER BY id",
                PgSync::mapProject, userId));
    }

    @Override
    public PutOutcome<Project> putProject(String userId, String projectId, String name, String mainWorkspaceId,
                                          String actor, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            if (update(c, "INSERT INTO projects (user_id, id, name, main_workspace_id, created_at, updated_at)"
                    + " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING", userId, projectId, name, mainWorkspaceId, t, t) == 1) {
                activity(c, userId, projectId, null, null, "project.created", actor, "project " + name + " created", t);
                return new PutOutcome<>(findProject(c, userId, projectId, false).orElseThrow(), true);
            }
            Project p = findProject(c, userId, projectId, true).orElseThrow();
            // Only a real change moves updated_at, so that a repeated PUT changes nothing.
            if (!p.name().equals(name) || !Objects.equals(p.mainWorkspaceId(), mainWorkspaceId)) {
                update(c, "UPDATE projects SET name = ?, main_workspace_id = ?, updated_at = ? WHERE user_id = ? AND id = ?",
                        name, mainWorkspaceId, t, userId, projectId);
                activity(c, userId, projectId, null, null, "project.updated", actor, "project " + name + " updated", t);
            }
            return new PutOutcome<>(findProject(c, userId, projectId, false).orElseThrow(), false);
        });
    }

    // ---------------------------------------------------------------- workspaces

    @Override
    public Optional<Workspace> workspace(String userId, String workspaceId) {
        return db.read(c -> findWorkspace(c, userId, workspaceId, false));
    }

    private static Optional<Workspace> findWorkspace(Connection c, String userId, String id, boolean lock)
            throws SQLException {
        return one(c, "SELECT " + WORKSPACE_COLUMNS + " FROM workspaces WHERE user_id = ? AND id = ?"
                + (lock ? " FOR NO KEY UPDATE" : ""), PgSync::mapWorkspace, userId, id);
    }

    @Override
    public List<Workspace> workspaces(String userId, String projectId) {
        return db.read(c -> list(c, "SELECT " + WORKSPACE_COLUMNS + " FROM workspaces WHERE user_id = ? AND project_id = ?"
                + " ORDER BY id", PgSync::mapWorkspace, userId, projectId));
    }

    @Override
    public PutOutcome<Workspace> putWorkspace(String userId, WorkspaceInput in, String actor, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            if (findProject(c, userId, in.projectId(), false).isEmpty()) {
                throw ServerException.notFound("project " + in.projectId());
            }
            if (update(c, "INSERT INTO workspaces (user_id, id, project_id, name, machine_id, local_path, base_snapshot_id,"
                            + " version, last_seen_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,0,?,?,?)"
                            + " ON CONFLICT DO NOTHING",
                    userId, in.id(), in.projectId(), in.name(), in.machineId(), in.localPath(), in.baseSnapshotId(),
                    t, t, t) == 1) {
                activity(c, userId, in.projectId(), in.id(), null, "workspace.registered", actor,
                        "workspace " + in.name() + " registered", t);
                return new PutOutcome<>(findWorkspace(c, userId, in.id(), false).orElseThrow(), true);
            }
            Workspace w = findWorkspace(c, userId, in.id(), true).orElseThrow();
            if (!w.projectId().equals(in.projectId())) {
                throw new ServerException(ErrorCode.CONFLICT, "workspace " + in.id() + " belongs to project "
                        + w.projectId() + ", not " + in.projectId());
            }
            boolean changed = !w.name().equals(in.name()) || !Objects.equals(w.machineId(), in.machineId())
                    || !Objects.equals(w.localPath(), in.localPath())
                    || !Objects.equals(w.baseSnapshotId(), in.baseSnapshotId());
            // last_seen_at moves on every PUT: registering again is the client's heartbeat.
            update(c, "UPDATE workspaces SET name = ?, machine_id = ?, local_path = ?, base_snapshot_id = ?,"
                            + " last_seen_at = ?, updated_at = CASE WHEN ? THEN ? ELSE updated_at END"
                            + " WHERE user_id = ? AND id = ?",
                    in.name(), in.machineId(), in.localPath(), in.baseSnapshotId(), t, changed, t, userId, in.id());
            return new PutOutcome<>(findWorkspace(c, userId, in.id(), false).orElseThrow(), false);
        });
    }

    @Override
    public HeadMove moveHead(String userId, String workspaceId, String snapshotId, long expectedVersion, String actor,
                             Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            // The version in the WHERE clause is the optimistic lock: of two moves from the same
            // version, on whatever instances, exactly one updates a row.
            Optional<String[]> moved = one(c, "UPDATE workspaces SET current_snapshot_id = ?, version = version + 1,"
                            + " last_seen_at = ?, updated_at = ? WHERE user_id = ? AND id = ? AND version = ?"
                            + " RETURNING project_id, name", rs -> new String[] {rs.getString(1), rs.getString(2)},
                    snapshotId, t, t, userId, workspaceId, expectedVersion);
            if (moved.isEmpty()) {
                Workspace w = findWorkspace(c, userId, workspaceId, false)
                        .orElseThrow(() -> ServerException.notFound("workspace " + workspaceId));
                // A retry of the move that already happened answers as that move did.
                boolean sameMove = w.version() == expectedVersion + 1 && snapshotId.equals(w.currentSnapshotId());
                return new HeadMove(sameMove, w.currentSnapshotId(), w.version());
            }
            String projectId = moved.get()[0];
            update(c, "UPDATE projects SET last_snapshot_id = ?, updated_at = ? WHERE user_id = ? AND id = ?",
                    snapshotId, t, userId, projectId);
            activity(c, userId, projectId, workspaceId, snapshotId, "head.moved", actor,
                    "workspace " + moved.get()[1] + " now at " + snapshotId, t);
            return new HeadMove(true, snapshotId, expectedVersion + 1);
        });
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public Optional<Snapshot> snapshot(String userId, String snapshotId) {
        return db.read(c -> findSnapshot(c, userId, snapshotId));
    }

    private static Optional<Snapshot> findSnapshot(Connection c, String userId, String id) throws SQLException {
        return one(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM snapshots WHERE user_id = ? AND id = ?",
                PgSync::mapSnapshot, userId, id);
    }

    @Override
    public List<String> existingSnapshots(String userId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.read(c -> list(c, "SELECT id FROM snapshots WHERE user_id = ? AND id = ANY(?)", rs -> rs.getString(1),
                userId, new TextArray(new LinkedHashSet<>(ids))));
    }

    @Override
    public PutOutcome<Snapshot> putSnapshot(String userId, Snapshot s, String actor, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            lockProject(c, userId, s.projectId());
            if (update(c, "INSERT INTO snapshots (user_id, id, project_id, workspace_id, manifest_hash, parents, message,"
                            + " source, author, created_at, files, bytes, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                            + " ON CONFLICT (user_id, id) DO NOTHING",
                    userId, s.id(), s.projectId(), s.workspaceId(), s.manifestHash(), toJson(s.parents()), s.message(),
                    s.source(), s.author(), s.createdAt(), s.files(), s.bytes(), t) == 0) {
                return new PutOutcome<>(findSnapshot(c, userId, s.id()).orElseThrow(), false);
            }
            activity(c, userId, s.projectId(), s.workspaceId(), s.id(), "snapshot.pushed", actor,
                    s.message() == null || s.message().isEmpty() ? "snapshot " + s.id() : s.message(), t);
            return new PutOutcome<>(findSnapshot(c, userId, s.id()).orElseThrow(), true);
        });
    }

    @Override
    public Page<Snapshot> snapshots(String userId, String projectId, long afterSeq, int limit) {
        List<Snapshot> rows = db.read(c -> list(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM snapshots"
                        + " WHERE user_id = ? AND project_id = ? AND seq > ? ORDER BY seq LIMIT ?", PgSync::mapSnapshot,
                userId, projectId, afterSeq, limit + 1));
        return page(rows, limit, afterSeq, Snapshot::seq);
    }

    // ---------------------------------------------------------------- activity

    @Override
    public Page<ActivityEvent> activity(String userId, String projectId, long afterSeq, int limit) {
        List<ActivityEvent> rows = db.read(c -> list(c, "SELECT seq, project_id, workspace_id, snapshot_id, type, actor,"
                        + " message, at FROM activity WHERE user_id = ? AND project_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                rs -> new ActivityEvent(rs.getLong("seq"), rs.getString("project_id"), rs.getString("workspace_id"),
                        rs.getString("snapshot_id"), rs.getString("type"), rs.getString("actor"),
                        rs.getString("message"), Times.instant(rs, "at")),
                userId, projectId, afterSeq, limit + 1));
        return page(rows, limit, afterSeq, ActivityEvent::seq);
    }

    /** Adds an activity event; the project's listing lock is taken here if the transaction does not hold it yet. */
    private static void activity(Connection c, String userId, String projectId, String workspaceId, String snapshotId,
                                 String type, String actor, String message, long at) throws SQLException {
        lockProject(c, userId, projectId);
        update(c, "INSERT INTO activity (user_id, project_id, workspace_id, snapshot_id, type, actor, message, at)"
                + " VALUES (?,?,?,?,?,?,?,?)", userId, projectId, workspaceId, snapshotId, type, actor, message, at);
    }

    // ---------------------------------------------------------------- verified trees

    @Override
    public List<String> completeTrees(String userId, Collection<String> treeIds) {
        if (treeIds.isEmpty()) {
            return List.of();
        }
        return db.read(c -> list(c, "SELECT tree_id FROM complete_trees WHERE user_id = ? AND tree_id = ANY(?)",
                rs -> rs.getString(1), userId, new TextArray(new LinkedHashSet<>(treeIds))));
    }

    @Override
    public void markTreesComplete(String userId, Collection<String> treeIds) {
        if (treeIds.isEmpty()) {
            return;
        }
        db.write(c -> update(c, "INSERT INTO complete_trees (user_id, tree_id) SELECT ?, unnest(?::text[])"
                + " ON CONFLICT DO NOTHING", userId, new TextArray(new LinkedHashSet<>(treeIds))));
    }

    // ---------------------------------------------------------------- helpers

    /** The lock of a project's listings (snapshots and activity); taking it twice in a transaction is harmless. */
    private static void lockProject(Connection c, String userId, String projectId) throws SQLException {
        PostgresDatabase.lockListing(c, userId + "/" + projectId);
    }

    static <T> Page<T> page(List<T> rows, int limit, long after, java.util.function.ToLongFunction<T> seq) {
        boolean more = rows.size() > limit;
        List<T> items = more ? rows.subList(0, limit) : rows;
        long next = items.isEmpty() ? after : seq.applyAsLong(items.get(items.size() - 1));
        return new Page<>(items, next, more);
    }

    private static String toJson(List<String> parents) {
        try {
            return JSON.writeValueAsString(parents);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> parents(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Project mapProject(ResultSet rs) throws SQLException {
        return new Project(rs.getString("id"), rs.getString("name"), rs.getString("main_workspace_id"),
                rs.getString("last_snapshot_id"), Times.instant(rs, "created_at"), Times.instant(rs, "updated_at"));
    }

    private static Workspace mapWorkspace(ResultSet rs) throws SQLException {
        return new Workspace(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getString("machine_id"), rs.getString("local_path"), rs.getString("base_snapshot_id"),
                rs.getString("current_snapshot_id"), rs.getLong("version"), Times.instant(rs, "last_seen_at"),
                Times.instant(rs, "created_at"), Times.instant(rs, "updated_at"));
    }

    private static Snapshot mapSnapshot(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getString("id"), rs.getString("project_id"), rs.getString("workspace_id"),
                rs.getString("manifest_hash"), parents(rs.getString("parents")), rs.getString("message"),
                rs.getString("source"), rs.getString("author"), rs.getString("created_at"), rs.getLong("files"),
                rs.getLong("bytes"), rs.getLong("seq"), Times.instant(rs, "received_at"));
    }
}
