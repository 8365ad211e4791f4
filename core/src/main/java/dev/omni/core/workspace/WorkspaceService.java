package dev.omni.core.workspace;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.activity.Activity;
import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.snapshot.StatCache;
import dev.omni.core.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Projects and workspaces: create them, find the one a directory belongs to, list them. */
public final class WorkspaceService {
    private final Omni omni;

    public WorkspaceService(Omni omni) {
        this.omni = omni;
    }

    /** The result of {@link #init}: the project (new or existing), the new workspace, its first snapshot (or null). */
    public record Initialized(Project project, Workspace workspace, boolean newProject, dev.omni.core.snapshot.Snapshot snapshot) {
    }

    /**
     * Makes {@code dir} a workspace: of a new project named {@code name} (default: the directory's
     * name), or, with {@code existingProject}, of that project (then {@code name} names the workspace).
     */
    public Initialized init(Path dir, String name, String existingProject, String actor) {
        return init(dir, name, existingProject, actor, null, dev.omni.core.Warnings.IGNORE, dev.omni.core.Progress.NONE);
    }

    /**
     * {@link #init(Path, String, String, String)} with the first snapshot ({@code first} null: none).
     * The working copy is scanned while the store opens (a new store's migration runs meanwhile);
     * then the project, the workspace and the snapshot are recorded in one transaction, so a failed
     * init leaves nothing behind.
     */
    public Initialized init(Path dir, String name, String existingProject, String actor,
                            dev.omni.core.snapshot.SnapshotService.Options first, dev.omni.core.Warnings warnings,
                            dev.omni.core.Progress progress) {
        Path root = prepareRoot(dir);
        omni.openInBackground();
        String projectId = omni.newId();
        String wsId = omni.newId();
        dev.omni.core.snapshot.SnapshotService snaps = new dev.omni.core.snapshot.SnapshotService(omni);
        try (dev.omni.core.store.ProcessLocks.Held wl = omni.workspaceLock(wsId);
             dev.omni.core.store.ProcessLocks.Held sl = omni.storeShared();
             dev.omni.core.objects.ObjectInserter ins = omni.objects().newInserter()) {
            dev.omni.core.snapshot.WorkTree work = null;
            if (first != null) {
                work = snaps.scan(root, StatCache.empty(), ins, warnings, progress);
                ins.flush();
            }
            dev.omni.core.snapshot.GitInfo git = first == null ? null : dev.omni.core.snapshot.GitInfo.read(root);
            dev.omni.core.snapshot.WorkTree scanned = work;
            Initialized result = omni.db().write(c -> {
                Initialized r = register(c, root, projectId, wsId, name, existingProject, actor);
                if (scanned != null) {
                    ins.commit(c);
                    dev.omni.core.snapshot.Snapshot snap = new dev.omni.core.snapshot.Snapshot(
                            dev.omni.core.model.SnapshotId.of(omni.ulid()), r.project().id(), wsId, scanned.root(), List.of(),
                            first.source(), first.message(), omni.author(), omni.now(), scanned.files(), scanned.bytes(),
                            git == null ? null : git.branch(), git == null ? null : git.commit());
                    snaps.record(c, r.workspace(), snap, ins.objectsWritten(), ins.bytesWritten());
                    r = new Initialized(r.project(), r.workspace(), r.newProject(), snap);
                }
                return r;
            });
            WorkspaceFile.write(root, result.project().id(), wsId);
            excludeFromGit(root);
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
            Optional<Workspace> known = omni.db().read(c -> Workspaces.find(c, ref.workspaceId()));
            if (known.isPresent()) {
                throw OmniException.conflict(root + " is already an omni workspace ('" + known.get().name() + "' of project "
                        + ref.projectId() + ")");
            }
            throw OmniException.conflict(root + " holds .omni/workspace.json of a workspace this store (" + omni.home().root()
                    + ") does not know; use the store it came from (--home), or delete " + root.resolve(".omni") + " to start over");
        }
        return root;
    }

    /** The project (new or existing) and workspace rows of an init, inside the caller's transaction. */
    private Initialized register(java.sql.Connection c, Path root, String projectId, String wsId, String name,
                                 String existingProject, String actor) throws java.sql.SQLException {
        List<Workspace> samePath = Workspaces.atPath(c, root);
        if (!samePath.isEmpty()) {
            throw OmniException.conflict(root + " is already registered as workspace '" + samePath.get(0).name()
                    + "' (its .omni/ was removed); remove that workspace first");
        }
        Instant now = omni.now();
        String machine = machineId(c);
        Project project;
        boolean created;
        String wsName;
        if (existingProject != null) {
            project = resolveProject(c, existingProject);
            created = false;
            wsName = uniqueName(c, project.id(), name != null ? name : root.getFileName().toString());
        } else {
            String pname = name != null ? name : (root.getFileName() == null ? "project" : root.getFileName().toString());
            project = new Project(projectId, pname, null, now, now);
            Projects.insert(c, project);
            created = true;
            wsName = "main";
        }
        Workspace ws = new Workspace(wsId, project.id(), wsName, machine, root, null, null, now, now, 1, "{}");
        Workspaces.insert(c, ws);
        if (created) {
            Projects.setMain(c, project.id(), ws.id(), now);
            project = new Project(project.id(), project.name(), ws.id(), project.createdAt(), now);
            Activity.record(c, new ActivityEvent(omni.newId(), project.id(), null, "project.created", actor, null,
                    "created project '" + project.name() + "'", null, now));
        }
        Activity.record(c, new ActivityEvent(omni.newId(), project.id(), ws.id(), "workspace.created", actor, null,
                "created workspace '" + ws.name() + "' at " + root, null, now));
        return new Initialized(project, ws, created, null);
    }

    /** This machine's id, made on first use (inside the caller's transaction). */
    private String machineId(java.sql.Connection c) throws java.sql.SQLException {
        String id = Database.queryString(c, "SELECT value FROM meta WHERE key = 'machine_id'");
        if (id == null) {
            id = omni.newId();
            Database.update(c, "INSERT INTO meta(key, value) VALUES ('machine_id', ?)", id);
        }
        return id;
    }

    /** Inside a git work tree, {@code .omni/} goes into {@code .git/info/exclude}. */
    static void excludeFromGit(Path root) {
        Path git = root.resolve(".git");
        if (!Files.isDirectory(git)) {
            return;
        }
        Path exclude = git.resolve("info/exclude");
        try {
            String existing = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
            if (existing.lines().anyMatch(l -> l.trim().equals(".omni/") || l.trim().equals("/.omni/") || l.trim().equals(".omni"))) {
                return;
            }
            Files.createDirectories(exclude.getParent());
            String add = (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + "# omni's workspace metadata\n/.omni/\n";
            Files.writeString(exclude, add, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // git would only list .omni/ as untracked; nothing of omni's depends on this
        }
    }

    private static String uniqueName(java.sql.Connection c, String projectId, String base) throws java.sql.SQLException {
        List<Workspace> existing = Workspaces.ofProject(c, projectId);
        String candidate = base;
        int n = 2;
        while (true) {
            String cand = candidate;
            if (existing.stream().noneMatch(w -> w.name().equals(cand))) {
                return cand;
            }
            candidate = base + "-" + n++;
        }
    }

    static Project resolveProject(java.sql.Connection c, String key) throws java.sql.SQLException {
        List<Project> found = Projects.findByIdPrefixOrName(c, key);
        if (found.isEmpty()) {
            throw OmniException.notFound("no project '" + key + "' (see 'omni projects')");
        }
        if (found.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several projects: "
                    + String.join(", ", found.stream().map(p -> p.id() + " (" + p.name() + ")").toList()));
        }
        return found.get(0);
    }

    /**
     * The working copy of {@code w} is now at {@code root}. When its old directory is gone (moved),
     * the new place is recorded; when the old one still holds the same workspace, {@code root} is a
     * copy, and two directories must not share one workspace.
     */
    public Workspace relocate(Workspace w, Path root) {
        Path old = w.localPath();
        boolean oldStillThere = old != null && Files.isRegularFile(WorkspaceFile.file(old))
                && WorkspaceFile.read(old).workspaceId().equals(w.id());
        if (oldStillThere) {
            throw OmniException.conflict(root + " is a copy of workspace '" + w.name() + "' (at " + old
                    + "); delete " + root.resolve(WorkspaceFile.DIR) + " and run 'omni init --project " + w.projectId()
                    + "' to make it a workspace of its own");
        }
        Instant now = omni.now();
        omni.db().write(c -> {
            Database.update(c, "UPDATE workspaces SET local_path = ? WHERE id = ?", root.toString(), w.id());
            Activity.record(c, new ActivityEvent(omni.newId(), w.projectId(), w.id(), "workspace.moved", "system", null,
                    "workspace '" + w.name() + "' moved from " + old + " to " + root, null, now));
            return null;
        });
        return new Workspace(w.id(), w.projectId(), w.name(), w.machineId(), root, w.baseSnapshot(), w.currentSnapshot(),
                w.lastSeenAt(), w.createdAt(), w.version(), w.mergeHistory());
    }

    /**
     * Forks a new working copy of the project from {@code source} (a snapshot): its files are
     * written to {@code dir} (which must be absent or empty), the new workspace's base and current
     * snapshot are that snapshot.
     */
    public Workspace create(Project project, String name, dev.omni.core.snapshot.Snapshot source, Path dir, String actor,
                            dev.omni.core.Progress progress) {
        dev.omni.core.model.PathRules.checkName(name);
        Path root = dir.toAbsolutePath().normalize();
        if (omni.db().read(c -> Workspaces.ofProject(c, project.id())).stream().anyMatch(w -> w.name().equals(name))) {
            throw OmniException.conflict("project '" + project.name() + "' already has a workspace named '" + name + "'");
        }
        new dev.omni.core.restore.RestoreService(omni).restoreToDirectory(source, List.of(), root, false, false, progress,
                localSource(project.id(), source));
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot resolve " + root + ": " + e.getMessage(), e);
        }
        Instant now = omni.now();
        Workspace ws = new Workspace(omni.newId(), project.id(), name, omni.machineId(), root, source.id(), source.id(), now, now,
                1, "{}");
        Path finalRoot = root;
        omni.db().write(c -> {
            Workspaces.insert(c, ws);
            Activity.record(c, new ActivityEvent(omni.newId(), project.id(), ws.id(), "workspace.created", actor, source.id().value(),
                    "created workspace '" + name + "' at " + finalRoot + " from " + source.id().abbrev(), null, now));
            return null;
        });
        WorkspaceFile.write(root, project.id(), ws.id());
        excludeFromGit(root);
        return ws;
    }

    /**
     * A working copy on this machine whose current snapshot is {@code source} and whose stat cache
     * says which of its files are unchanged since: a fork copies those instead of unpacking them
     * from the store (RestoreService checks each file's stat around the copy). Null when none.
     */
    private dev.omni.core.restore.RestoreService.LocalSource localSource(String projectId, dev.omni.core.snapshot.Snapshot source) {
        String machine = omni.machineId();
        for (Workspace w : omni.db().read(c -> Workspaces.ofProject(c, projectId))) {
            if (source.id().equals(w.currentSnapshot()) && machine.equals(w.machineId()) && w.localPath() != null
                    && Files.isDirectory(w.localPath())) {
                StatCache cache = StatCache.load(omni.statCacheFile(w.id()));
                if (cache.size() > 0) {
                    return new dev.omni.core.restore.RestoreService.LocalSource(w.localPath(), cache, null);
                }
            }
        }
        return null;
    }

    /** The workspace of {@code projectId} called {@code name}, or with that id (prefix). */
    public Optional<Workspace> byName(String projectId, String name) {
        List<Workspace> all = workspaces(projectId);
        for (Workspace w : all) {
            if (w.name().equals(name)) {
                return Optional.of(w);
            }
        }
        List<Workspace> byId = all.stream().filter(w -> w.id().startsWith(name.toUpperCase())).toList();
        return byId.size() == 1 ? Optional.of(byId.get(0)) : Optional.empty();
    }

    public Workspace require(String projectId, String name) {
        return byName(projectId, name).orElseThrow(() -> OmniException.notFound("no workspace '" + name
                + "' in this project (see 'omni workspace list')"));
    }

    /** The project's main workspace: the one drift compares with by default. */
    public Workspace main(Project project) {
        if (project.mainWorkspaceId() == null) {
            throw OmniException.notFound("project '" + project.name() + "' has no main workspace; set one with 'omni workspace set-main'");
        }
        return find(project.mainWorkspaceId()).orElseThrow(() -> OmniException.notFound("the main workspace of '"
                + project.name() + "' is gone; set another with 'omni workspace set-main'"));
    }

    public Workspace rename(Workspace w, String newName, String actor) {
        dev.omni.core.model.PathRules.checkName(newName);
        if (byName(w.projectId(), newName).filter(o -> o.name().equals(newName)).isPresent()) {
            throw OmniException.conflict("this project already has a workspace named '" + newName + "'");
        }
        omni.db().write(c -> {
            Database.update(c, "UPDATE workspaces SET name = ? WHERE id = ?", newName, w.id());
            Activity.record(c, new ActivityEvent(omni.newId(), w.projectId(), w.id(), "workspace.renamed", actor, null,
                    "renamed workspace '" + w.name() + "' to '" + newName + "'", null, omni.now()));
            return null;
        });
        return find(w.id()).orElseThrow();
    }

    public void setMain(Workspace w, String actor) {
        omni.db().write(c -> {
            Projects.setMain(c, w.projectId(), w.id(), omni.now());
            Activity.record(c, new ActivityEvent(omni.newId(), w.projectId(), w.id(), "workspace.main", actor, null,
                    "'" + w.name() + "' is now the main workspace", null, omni.now()));
            return null;
        });
    }

    /**
     * Forgets a workspace. Its snapshots stay; its files stay unless {@code deleteFiles}, and then
     * only after a last snapshot of them. The main workspace cannot be removed.
     */
    public void remove(Workspace w, boolean deleteFiles, String actor, dev.omni.core.Warnings warnings) {
        Project p = projectOf(w);
        if (w.id().equals(p.mainWorkspaceId())) {
            throw OmniException.conflict("'" + w.name() + "' is the project's main workspace; make another one main first"
                    + " ('omni workspace set-main NAME')");
        }
        Path root = w.localPath();
        boolean local = root != null && Files.isDirectory(root) && Files.isRegularFile(WorkspaceFile.file(root));
        if (deleteFiles && local) {
            new dev.omni.core.snapshot.SnapshotService(omni).take(w, dev.omni.core.snapshot.SnapshotService.Options.of(
                    "last snapshot before removing the workspace", actor), warnings, dev.omni.core.Progress.NONE);
        }
        omni.db().write(c -> {
            Database.update(c, "UPDATE workspaces SET removed_at = ?, name = ? WHERE id = ?", dev.omni.core.util.Times.format(omni.now()),
                    w.name() + "@removed-" + w.id(), w.id());
            Activity.record(c, new ActivityEvent(omni.newId(), w.projectId(), w.id(), "workspace.removed", actor, w.currentSnapshot() == null
                    ? null : w.currentSnapshot().value(), "removed workspace '" + w.name() + "'" + (deleteFiles ? " and its files" : ""),
                    null, omni.now()));
            return null;
        });
        StatCache.delete(omni.statCacheFile(w.id()));
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

    /** The project with this id, id prefix or name. */
    public Project project(String key) {
        return omni.db().read(c -> resolveProject(c, key));
    }

    /** The workspace that encloses {@code dir}, checked against this store. */
    public Workspace current(Path dir) {
        WorkspaceRef ref = locate(dir);
        return new dev.omni.core.snapshot.SnapshotService(omni).workspace(ref);
    }

    /** What {@code .omni/workspace.json} above {@code dir} says, without reading the store. */
    public static WorkspaceRef locate(Path dir) {
        return WorkspaceFile.find(dir).orElseThrow(() -> OmniException.notFound(
                "not inside an omni workspace (no .omni/workspace.json in " + dir + " or above); run 'omni init' first"));
    }

    public Optional<Workspace> find(String id) {
        return omni.db().read(c -> Workspaces.find(c, id));
    }

    public Project projectOf(Workspace w) {
        return omni.db().read(c -> Projects.find(c, w.projectId())).orElseThrow(() -> OmniException.corrupt(
                "workspace " + w.id() + " belongs to project " + w.projectId() + ", which is missing"));
    }

    public List<Project> projects() {
        return omni.db().read(Projects::all);
    }

    public List<Workspace> workspaces(String projectId) {
        return omni.db().read(c -> projectId == null ? Workspaces.all(c) : Workspaces.ofProject(c, projectId));
    }
}
