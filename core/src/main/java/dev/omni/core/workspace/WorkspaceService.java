package dev.omni.core.workspace;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.activity.Activity;
import dev.omni.core.activity.ActivityEvent;
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

    /** The result of {@link #init}: the project (new or existing) and the new workspace. */
    public record Initialized(Project project, Workspace workspace, boolean newProject) {
    }

    /**
     * Makes {@code dir} a workspace: of a new project named {@code name} (default: the directory's
     * name), or, with {@code existingProject}, of that project (then {@code name} names the workspace).
     */
    public Initialized init(Path dir, String name, String existingProject, String actor) {
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
        Path finalRoot = root;
        List<Workspace> samePath = omni.db().read(c -> Workspaces.atPath(c, finalRoot));
        if (!samePath.isEmpty()) {
            throw OmniException.conflict(root + " is already registered as workspace '" + samePath.get(0).name()
                    + "' (its .omni/ was removed); remove that workspace first");
        }
        String machine = omni.machineId();
        Instant now = omni.now();
        Initialized result = omni.db().write(c -> {
            Project project;
            boolean created;
            String wsName;
            if (existingProject != null) {
                project = resolveProject(c, existingProject);
                created = false;
                wsName = uniqueName(c, project.id(), name != null ? name : finalRoot.getFileName().toString());
            } else {
                String pname = name != null ? name : (finalRoot.getFileName() == null ? "project" : finalRoot.getFileName().toString());
                project = new Project(omni.newId(), pname, null, now, now);
                Projects.insert(c, project);
                created = true;
                wsName = "main";
            }
            Workspace ws = new Workspace(omni.newId(), project.id(), wsName, machine, finalRoot, null, null, now, now, 1, "{}");
            Workspaces.insert(c, ws);
            if (created) {
                Projects.setMain(c, project.id(), ws.id(), now);
                project = new Project(project.id(), project.name(), ws.id(), project.createdAt(), now);
                Activity.record(c, new ActivityEvent(omni.newId(), project.id(), null, "project.created", actor, null,
                        "created project '" + project.name() + "'", null, now));
            }
            Activity.record(c, new ActivityEvent(omni.newId(), project.id(), ws.id(), "workspace.created", actor, null,
                    "created workspace '" + ws.name() + "' at " + finalRoot, null, now));
            return new Initialized(project, ws, created);
        });
        WorkspaceFile.write(root, result.project().id(), result.workspace().id());
        excludeFromGit(root);
        return result;
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
