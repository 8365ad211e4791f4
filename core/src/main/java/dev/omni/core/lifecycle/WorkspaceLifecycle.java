package dev.omni.core.lifecycle;

import dev.omni.core.Omni;
import dev.omni.core.OmniException.Reason;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.GitInfo;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Making and removing working copies: {@code omni init} (a directory becomes a workspace, with its
 * first snapshot), forking a new working copy from a snapshot, and removing one. These use
 * snapshots and restores, which themselves use workspaces, so they live above all three.
 */
public final class WorkspaceLifecycle {
    private final Omni omni;

    public WorkspaceLifecycle(Omni omni) {
        this.omni = omni;
    }

    /** The result of {@link #init}: the project (new or existing), the new workspace, its first snapshot (or null). */
    public record Initialized(Project project, Workspace workspace, boolean newProject, Snapshot snapshot) {
    }

    /**
     * Makes {@code dir} a workspace: of a new project named {@code name} (default: the directory's
     * name), or, with {@code existingProject}, of that project (then {@code name} names the workspace).
     */
    public Initialized init(Path dir, String name, String existingProject, String actor) {
        return init(dir, name, existingProject, actor, null, Warnings.IGNORE, Progress.NONE);
    }

    /**
     * {@link #init(Path, String, String, String)} with the first snapshot ({@code first} null: none).
     * The working copy is scanned while the store opens (a new store's migration runs meanwhile);
     * then the project, the workspace and the snapshot are recorded in one transaction, so a failed
     * init leaves nothing behind.
     */
    public Initialized init(Path dir, String name, String existingProject, String actor, SnapshotService.Options first,
                            Warnings warnings, Progress progress) {
        Path root = prepareRoot(dir);
        omni.openInBackground();
        String projectId = omni.newId();
        String wsId = omni.newId();
        SnapshotService snaps = new SnapshotService(omni);
        try (ProcessLocks.Held wl = omni.workspaceLock(wsId); ProcessLocks.Held sl = omni.storeShared();
             ObjectInserter ins = omni.objects().newInserter()) {
            WorkTree work = null;
            if (first != null) {
                work = snaps.scan(root, StatCache.empty(), ins, warnings, progress);
                ins.flush();
            }
            GitInfo git = first == null ? null : GitInfo.read(root);
            WorkTree scanned = work;
            Initialized result = omni.db().transaction(() -> {
                WorkspaceService.Registered r = new WorkspaceService(omni).register(root, projectId, wsId, name, existingProject, actor);
                Snapshot snap = null;
                if (scanned != null) {
                    ins.commit();
                    snap = new Snapshot(SnapshotId.of(omni.ulid()), r.project().id(), wsId, scanned.root(), List.of(),
                            first.source(), first.message(), omni.author(), omni.now(), scanned.files(), scanned.bytes(),
                            git == null ? null : git.branch(), git == null ? null : git.commit());
                    snaps.record(r.workspace(), snap, ins.objectsWritten(), ins.bytesWritten());
                }
                return new Initialized(r.project(), r.workspace(), r.newProject(), snap);
            });
            WorkspaceFile.write(root, result.project().id(), wsId);
            WorkspaceFile.excludeFromGit(root);
            if (work != null) {
                try {
                    work.cache().save(omni.statCacheFile(wsId));
                } catch (IOException ignored) {
                    // only a cache
                }
            }
            return result;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write objects: " + e.getMessage(), e);
        }
    }

    private Path prepareRoot(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot create " + root + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(root)) {
            throw OmniException.invalid(root + " is not a directory");
        }
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot resolve " + root + ": " + e.getMessage(), e);
        }
        if (Files.exists(WorkspaceFile.file(root))) {
            WorkspaceRef ref = WorkspaceFile.read(root);
            Optional<Workspace> known = new WorkspaceService(omni).find(ref.workspaceId());
            if (known.isPresent()) {
                throw OmniException.conflict(root + " is already an omni workspace ('" + known.get().name() + "' of project "
                        + ref.projectId() + ")");
            }
            throw OmniException.conflict(root + " holds .omni/workspace.json of a workspace this store (" + omni.home().root()
                    + ") does not know; use the store it came from (--home), or delete " + root.resolve(".omni") + " to start over");
        }
        return root;
    }

    /**
     * Forks a new working copy of the project from {@code source} (a snapshot): its files are
     * written to {@code dir} (which must be absent or empty), the new workspace's base and current
     * snapshot are that snapshot.
     */
    public Workspace create(Project project, String name, Snapshot source, Path dir, String actor, Progress progress) {
        PathRules.checkName(name);
        Path root = dir.toAbsolutePath().normalize();
        WorkspaceService workspaces = new WorkspaceService(omni);
        if (workspaces.workspaces(project.id()).stream().anyMatch(w -> w.name().equals(name))) {
            throw OmniException.conflict(Reason.WORKSPACE_NAME_TAKEN, "project '" + project.name()
                    + "' already has a workspace named '" + name + "'");
        }
        new RestoreService(omni).restoreToDirectory(source, List.of(), root, false, false, progress,
                localSource(workspaces, project.id(), source));
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot resolve " + root + ": " + e.getMessage(), e);
        }
        Instant now = omni.now();
        Workspace ws = new Workspace(omni.newId(), project.id(), name, omni.machineId(), root, source.id(), source.id(), now, now,
                1, "{}");
        workspaces.addFork(ws, source.id(), actor);
        WorkspaceFile.write(root, project.id(), ws.id());
        WorkspaceFile.excludeFromGit(root);
        return ws;
    }

    /**
     * A working copy on this machine whose current snapshot is {@code source} and whose stat cache
     * says which of its files are unchanged since: a fork copies those instead of unpacking them
     * from the store (RestoreService checks each file's stat around the copy). Null when none.
     */
    private RestoreService.LocalSource localSource(WorkspaceService workspaces, String projectId, Snapshot source) {
        String machine = omni.machineId();
        for (Workspace w : workspaces.workspaces(projectId)) {
            if (source.id().equals(w.currentSnapshot()) && machine.equals(w.machineId()) && w.localPath() != null
                    && Files.isDirectory(w.localPath())) {
                StatCache cache = StatCache.load(omni.statCacheFile(w.id()));
                if (cache.size() > 0) {
                    return new RestoreService.LocalSource(w.localPath(), cache, null);
                }
            }
        }
        return null;
    }

    /**
     * Forgets a workspace. Its snapshots stay; its files stay unless {@code deleteFiles}, and then
     * only after a last snapshot of them. The main workspace cannot be removed.
     */
    public void remove(Workspace w, boolean deleteFiles, String actor, Warnings warnings) {
        WorkspaceService workspaces = new WorkspaceService(omni);
        Project p = workspaces.projectOf(w);
        if (w.id().equals(p.mainWorkspaceId())) {
            throw OmniException.conflict(Reason.REMOVING_MAIN_WORKSPACE, "'" + w.name() + "' is the project's main workspace");
        }
        Path root = w.localPath();
        boolean local = root != null && Files.isDirectory(root) && Files.isRegularFile(WorkspaceFile.file(root));
        if (deleteFiles && local) {
            new SnapshotService(omni).take(w, SnapshotService.Options.of("last snapshot before removing the workspace", actor),
                    warnings, Progress.NONE);
        }
        workspaces.forget(w, deleteFiles, actor);
        if (local) {
            try {
                if (deleteFiles) {
                    deleteTree(root);
                } else {
                    Files.deleteIfExists(WorkspaceFile.file(root));
                    Files.deleteIfExists(root.resolve(WorkspaceFile.DIR));
                }
            } catch (IOException e) {
                throw new OmniException(OmniException.Kind.IO, "the workspace is removed, but " + root + " could not be deleted: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
