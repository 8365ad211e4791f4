package dev.omni.server.store.sqlite;

import static dev.omni.core.store.sqlite.Sql.list;
import static dev.omni.core.store.sqlite.Sql.one;
import static dev.omni.core.store.sqlite.Sql.inChunks;
import static dev.omni.core.store.sqlite.Sql.placeholders;
import static dev.omni.core.store.sqlite.Sql.prepend;
import static dev.omni.core.store.sqlite.Sql.update;

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
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SqliteSync implements SyncRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT_COLUMNS = "id, name, main_workspace_id, last_snapshot_id, created_at, updated_at";
    private static final String WORKSPACE_COLUMNS = "id, project_id, name, machine_id, local_path, base_snapshot_id,"
            + " current_snapshot_id, version, last_seen_at, created_at, updated_at";
    private static final String SNAPSHOT_COLUMNS = "seq, id, project_id, workspace_id, manifest_hash, parents, message,"
            + " source, author, created_at, files, bytes, received_at";
    /** SQLite's default limit of host parameters is 32766; stay well below it. */

    private final SqliteDatabase db;

    SqliteSync(SqliteDatabase db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- projects

    @Override
    public Optional<Project> project(String userId, String projectId) {
        return db.read(c -> findProject(c, userId, projectId));
    }

    private static Optional<Project> findProject(Connection c, String userId, String projectId) throws SQLException {
        return one(c, "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE user_id = ? AND id = ?", SqliteSync::mapProject,
                userId, projectId);
    }

    @Override
    public List<Project> projects(String userId) {
        return db.read(c -> list(c, "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE user_id = ? ORDER BY id",
                SqliteSync::mapProject, userId));
    }

    @Override
    public PutOutcome<Project> putProject(String userId, String projectId, String name, String mainWorkspaceId,
                                          String actor, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            Optional<Project> old = findProject(c, userId, projectId);
            if (old.isEmpty()) {
                update(c, "INSERT INTO projects (user_id, id, name, main_workspace_id, created_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?)", userId, projectId, name, mainWorkspaceId, t, t);
                activity(c, userId, projectId, null, null, "project.created", actor, "project " + name + " created", t);
                return new PutOutcome<>(findProject(c, userId, projectId).orElseThrow(), true);
            }
            Project p = old.get();
            // Only a real change moves updated_at, so that a repeated PUT changes nothing.
            if (!p.name().equals(name) || !Objects.equals(p.mainWorkspaceId(), mainWorkspaceId)) {
                update(c, "UPDATE projects SET name = ?, main_workspace_id = ?, updated_at = ? WHERE user_id = ? AND id = ?",
                        name, mainWorkspaceId, t, userId, projectId);
                activity(c, userId, projectId, null, null, "project.updated", actor, "project " + name + " updated", t);
            }
            return new PutOutcome<>(findProject(c, userId, projectId).orElseThrow(), false);
        });
    }

    // ---------------------------------------------------------------- workspaces

    @Override
    public Optional<Workspace> workspace(String userId, String workspaceId) {
        return db.read(c -> findWorkspace(c, userId, workspaceId));
    }

    private static Optional<Workspace> findWorkspace(Connection c, String userId, String id) throws SQLException {
        return one(c, "SELECT " + WORKSPACE_COLUMNS + " FROM workspaces WHERE user_id = ? AND id = ?",
                SqliteSync::mapWorkspace, userId, id);
    }

    @Override
    public List<Workspace> workspaces(String userId, String projectId) {
        return db.read(c -> list(c, "SELECT " + WORKSPACE_COLUMNS + " FROM workspaces WHERE user_id = ? AND project_id = ?"
                + " ORDER BY id", SqliteSync::mapWorkspace, userId, projectId));
    }

    @Override
    public PutOutcome<Workspace> putWorkspace(String userId, WorkspaceInput in, String actor, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            if (findProject(c, userId, in.projectId()).isEmpty()) {
                throw ServerException.notFound("project " + in.projectId());
            }
            Optional<Workspace> old = findWorkspace(c, userId, in.id());
            if (old.isEmpty()) {
                update(c, "INSERT INTO workspaces (user_id, id, project_id, name, machine_id, local_path, base_snapshot_id,"
                                + " version, last_seen_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,0,?,?,?)",
                        userId, in.id(), in.projectId(), in.name(), in.machineId(), in.localPath(), in.baseSnapshotId(),
                        t, t, t);
                activity(c, userId, in.projectId(), in.id(), null, "workspace.registered", actor,
                        "workspace " + in.name() + " registered", t);
                return new PutOutcome<>(findWorkspace(c, userId, in.id()).orElseThrow(), true);
            }
            Workspace w = old.get();
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
            return new PutOutcome<>(findWorkspace(c, userId, in.id()).orElseThrow(), false);
        });
    }

    @Override
    public HeadMove moveHead(String userId, String workspaceId, String snapshotId, long expectedVersion, String actor,
                             Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            Workspace w = findWorkspace(c, userId, workspaceId)
                    .orElseThrow(() -> ServerException.notFound("workspace " + workspaceId));
            if (w.version() != expectedVersion) {
                // A retry of the move that already happened answers as that move did.
                boolean sameMove = w.version() == expectedVersion + 1 && snapshotId.equals(w.currentSnapshotId());
                return new HeadMove(sameMove, w.currentSnapshotId(), w.version());
            }
            long next = expectedVersion + 1;
            update(c, "UPDATE workspaces SET current_snapshot_id = ?, version = ?, last_seen_at = ?, updated_at = ?"
                    + " WHERE user_id = ? AND id = ?", snapshotId, next, t, t, userId, workspaceId);
            update(c, "UPDATE projects SET last_snapshot_id = ?, updated_at = ? WHERE user_id = ? AND id = ?",
                    snapshotId, t, userId, w.projectId());
            activity(c, userId, w.projectId(), workspaceId, snapshotId, "head.moved", actor,
                    "workspace " + w.name() + " now at " + snapshotId, t);
            return new HeadMove(true, snapshotId, next);
        });
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public Optional<Snapshot> snapshot(String userId, String snapshotId) {
        return db.read(c -> findSnapshot(c, userId, snapshotId));
    }

    private static Optional<Snapshot> findSnapshot(Connection c, String userId, String id) throws SQLException {
        return one(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM snapshots WHERE user_id = ? AND id = ?",
                SqliteSync::mapSnapshot, userId, id);
    }

    @Override
    public List<String> existingSnapshots(String userId, Collection<String> ids) {
        return inChunks(ids, chunk -> db.read(c -> list(c, "SELECT id FROM snapshots WHERE user_id = ? AND id IN ("
                + placeholders(chunk.size()) + ")", rs -> rs.getString(1), prepend(userId, chunk))));
    }

    @Override
    public PutOutcome<Snapshot> putSnapshot(String userId, Snapshot s, String actor, Instant now) {
        long t = now.toEpochMilli();
        return db.write(c -> {
            Optional<Snapshot> old = findSnapshot(c, userId, s.id());
            if (old.isPresent()) {
                return new PutOutcome<>(old.get(), false);
            }
            update(c, "INSERT INTO snapshots (user_id, id, project_id, workspace_id, manifest_hash, parents, message, source,"
                            + " author, created_at, files, bytes, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    userId, s.id(), s.projectId(), s.workspaceId(), s.manifestHash(), toJson(s.parents()), s.message(),
                    s.source(), s.author(), s.createdAt(), s.files(), s.bytes(), t);
            activity(c, userId, s.projectId(), s.workspaceId(), s.id(), "snapshot.pushed", actor,
                    s.message() == null || s.message().isEmpty() ? "snapshot " + s.id() : s.message(), t);
            return new PutOutcome<>(findSnapshot(c, userId, s.id()).orElseThrow(), true);
        });
    }

    @Override
    public Page<Snapshot> snapshots(String userId, String projectId, long afterSeq, int limit) {
        List<Snapshot> rows = db.read(c -> list(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM snapshots"
                        + " WHERE user_id = ? AND project_id = ? AND seq > ? ORDER BY seq LIMIT ?", SqliteSync::mapSnapshot,
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

    private static void activity(Connection c, String userId, String projectId, String workspaceId, String snapshotId,
                                 String type, String actor, String message, long at) throws SQLException {
        update(c, "INSERT INTO activity (user_id, project_id, workspace_id, snapshot_id, type, actor, message, at)"
                + " VALUES (?,?,?,?,?,?,?,?)", userId, projectId, workspaceId, snapshotId, type, actor, message, at);
    }

    // ---------------------------------------------------------------- verified trees

    @Override
    public List<String> completeTrees(String userId, Collection<String> treeIds) {
        return inChunks(treeIds, chunk -> db.read(c -> list(c, "SELECT tree_id FROM complete_trees WHERE user_id = ?"
                + " AND tree_id IN (" + placeholders(chunk.size()) + ")", rs -> rs.getString(1), prepend(userId, chunk))));
    }

    @Override
    public void markTreesComplete(String userId, Collection<String> treeIds) {
        if (treeIds.isEmpty()) {
            return;
        }
        db.write(c -> {
            for (String id : treeIds) {
                update(c, "INSERT INTO complete_trees (user_id, tree_id) VALUES (?, ?) ON CONFLICT DO NOTHING", userId, id);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers

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
