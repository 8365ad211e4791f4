package dev.omni.core.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException.Reason;
import dev.omni.core.OmniException;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.tree.StatCache;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Projects and workspaces: find the one a directory belongs to, list, rename, choose the main one,
 * and the changes other use cases make to them (a new head, a merge remembered, a workspace of
 * another machine). Writes join the caller's write transaction when there is one, so a use case
 * that also records a snapshot commits both together. Making and removing working copies (init,
 * fork, remove) is {@code WorkspaceLifecycle}'s.
 */
public final class WorkspaceService {
    private final Omni omni;

    public WorkspaceService(Omni omni) {
        this.omni = omni;
    }

    /** The project and workspace rows an init made; {@code newProject}: the project is new too. */
    public record Registered(Project project, Workspace workspace, boolean newProject) {
    }

    /**
     * Registers {@code root} as workspace {@code wsId}: of a new project {@code projectId} named
     * {@code name} (default: the directory's name), or, with {@code existingProject}, of that project
     * (then {@code name} names the workspace).
     */
    public Registered register(Path root, String projectId, String wsId, String name, String existingProject, String actor) {
        ActivityService activity = new ActivityService(omni);
        return omni.db().write(c -> {
            List<Workspace> samePath = Workspaces.atPath(c, root);
            if (!samePath.isEmpty()) {
                throw OmniException.conflict(root + " is already registered as workspace '" + samePath.get(0).name()
                        + "' (its .omni/ was removed); remove that workspace first");
            }
            Instant now = omni.now();
            Project project;
            boolean created;
            String wsName;
            if (existingProject != null) {
                project = Projects.resolve(c, existingProject);
                created = false;
                wsName = uniqueName(Workspaces.ofProject(c, project.id()), name != null ? name : root.getFileName().toString());
            } else {
                String pname = name != null ? name : (root.getFileName() == null ? "project" : root.getFileName().toString());
                project = new Project(projectId, pname, null, now, now);
                Projects.insert(c, project);
                created = true;
                wsName = "main";
            }
            Workspace ws = new Workspace(wsId, project.id(), wsName, omni.machineId(), root, null, null, now, now, 1, "{}");
            Workspaces.insert(c, ws);
            if (created) {
                Projects.setMain(c, project.id(), ws.id(), now);
                project = new Project(project.id(), project.name(), ws.id(), project.createdAt(), now);
                activity.record(project.id(), null, "project.created", actor, null, "created project '" + project.name() + "'",
                        null, now);
            }
            activity.record(project.id(), ws.id(), "workspace.created", actor, null,
                    "created workspace '" + ws.name() + "' at " + root, null, now);
            return new Registered(project, ws, created);
        });
    }

    private static String uniqueName(List<Workspace> existing, String base) {
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

    /**
     * Adds a workspace forked from snapshot {@code from} (its working copy already written), with an
     * activity event.
     */
    public void addFork(Workspace ws, SnapshotId from, String actor) {
        ActivityService activity = new ActivityService(omni);
        omni.db().write(c -> {
            Workspaces.insert(c, ws);
            activity.record(ws.projectId(), ws.id(), "workspace.created", actor, from.value(),
                    "created workspace '" + ws.name() + "' at " + ws.localPath() + " from " + from.abbrev(), null, ws.createdAt());
            return null;
        });
    }

    /**
     * Forgets a workspace (its snapshots stay) and its stat cache; {@code withFiles}: the caller
     * deletes the files too (said in the activity log).
     */
    public void forget(Workspace w, boolean withFiles, String actor) {
        ActivityService activity = new ActivityService(omni);
        omni.db().write(c -> {
            Workspaces.markRemoved(c, w, omni.now());
            activity.record(w.projectId(), w.id(), "workspace.removed", actor,
                    w.currentSnapshot() == null ? null : w.currentSnapshot().value(),
                    "removed workspace '" + w.name() + "'" + (withFiles ? " and its files" : ""), null, omni.now());
            return null;
        });
        StatCache.delete(omni.statCacheFile(w.id()));
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
            throw new OmniException(OmniException.Kind.CONFLICT, Reason.WORKSPACE_COPY, root + " is a copy of workspace '"
                    + w.name() + "' (at " + old + ")", Map.of("omni_dir", root.resolve(WorkspaceFile.DIR).toString(),
                    "project", w.projectId()));
        }
        Instant now = omni.now();
        ActivityService activity = new ActivityService(omni);
        omni.db().write(c -> {
            Workspaces.setLocalPath(c, w.id(), root);
            activity.record(w.projectId(), w.id(), "workspace.moved", "system", null,
                    "workspace '" + w.name() + "' moved from " + old + " to " + root, null, now);
            return null;
        });
        return new Workspace(w.id(), w.projectId(), w.name(), w.machineId(), root, w.baseSnapshot(), w.currentSnapshot(),
                w.lastSeenAt(), w.createdAt(), w.version(), w.mergeHistory());
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
        return byName(projectId, name).orElseThrow(() -> new OmniException(OmniException.Kind.NOT_FOUND, Reason.UNKNOWN_WORKSPACE,
                "no workspace '" + name + "' in this project", Map.of("project", projectId)));
    }

    /** The project's main workspace: the one drift compares with by default. */
    public Workspace main(Project project) {
        if (project.mainWorkspaceId() == null) {
            throw OmniException.notFound(Reason.NO_MAIN_WORKSPACE, "project '" + project.name() + "' has no main workspace");
        }
        return find(project.mainWorkspaceId()).orElseThrow(() -> OmniException.notFound(Reason.MAIN_WORKSPACE_GONE,
                "the main workspace of '" + project.name() + "' is gone"));
    }

    public Workspace rename(Workspace w, String newName, String actor) {
        PathRules.checkName(newName);
        if (byName(w.projectId(), newName).filter(o -> o.name().equals(newName)).isPresent()) {
            throw OmniException.conflict(Reason.WORKSPACE_NAME_TAKEN, "this project already has a workspace named '" + newName + "'");
        }
        ActivityService activity = new ActivityService(omni);
        omni.db().write(c -> {
            Workspaces.rename(c, w.id(), newName);
            activity.record(w.projectId(), w.id(), "workspace.renamed", actor, null,
                    "renamed workspace '" + w.name() + "' to '" + newName + "'", null, omni.now());
            return null;
        });
        return find(w.id()).orElseThrow();
    }

    public void setMain(Workspace w, String actor) {
        ActivityService activity = new ActivityService(omni);
        omni.db().write(c -> {
            Projects.setMain(c, w.projectId(), w.id(), omni.now());
            activity.record(w.projectId(), w.id(), "workspace.main", actor, null, "'" + w.name() + "' is now the main workspace",
                    null, omni.now());
            return null;
        });
    }

    /** Moves the workspace's head to {@code head}: its version counts up, its last-seen time is {@code at}. */
    public void setHead(String workspaceId, SnapshotId head, Instant at) {
        omni.db().write(c -> {
            Workspaces.setCurrent(c, workspaceId, head, at);
            return null;
        });
    }

    /** Records where the workspace started from. */
    public void setBase(String workspaceId, SnapshotId base) {
        omni.db().write(c -> {
            Workspaces.setBase(c, workspaceId, base);
            return null;
        });
    }

    /** The workspaces were seen now (a snapshot that found nothing new, the daemon's heartbeat). */
    public void touch(Collection<String> workspaceIds) {
        if (workspaceIds.isEmpty()) {
            return;
        }
        omni.db().write(c -> {
            for (String id : workspaceIds) {
                Workspaces.touch(c, id, omni.now());
            }
            return null;
        });
    }

    /** The project changed at {@code at}. */
    public void touchProject(String projectId, Instant at) {
        omni.db().write(c -> {
            Projects.touch(c, projectId, at);
            return null;
        });
    }

    /** Whether a merge into the workspace is in progress (waiting for conflicts, or interrupted). */
    public boolean mergeInProgress(String workspaceId) {
        return omni.db().read(c -> Workspaces.mergeInProgress(c, workspaceId));
    }

    /** Remembers, in the workspace's merge history, that {@code their} of workspace {@code theirsId} was merged at {@code at}. */
    public void rememberMerge(String workspaceId, String theirsId, SnapshotId their, Instant at) {
        omni.db().write(c -> {
            String json = Workspaces.mergeHistory(c, workspaceId);
            ObjectNode history;
            try {
                history = json == null || json.isBlank() ? Json.mapper().createObjectNode() : (ObjectNode) Json.mapper().readTree(json);
            } catch (IOException | ClassCastException e) {
                history = Json.mapper().createObjectNode();
            }
            ObjectNode entry = history.putObject(theirsId);
            entry.put("last_merged_snapshot", their.value());
            entry.put("merged_at", Times.format(at));
            Workspaces.setMergeHistory(c, workspaceId, history.toString());
            return null;
        });
    }

    /** A new project named {@code name}, with no workspace (an imported archive's). */
    public Project createProject(String name, String actor, String note) {
        ActivityService activity = new ActivityService(omni);
        return omni.db().write(c -> {
            Project p = new Project(omni.newId(), name, null, omni.now(), omni.now());
            Projects.insert(c, p);
            activity.record(p.id(), null, "project.created", actor, null, "created project '" + p.name() + "'" + note, null, omni.now());
            return p;
        });
    }

    /** The project of another machine, as this store knows it: added when new, else the one here. */
    public Project adoptProject(Project remote) {
        return omni.db().write(c -> {
            Optional<Project> local = Projects.find(c, remote.id());
            if (local.isPresent()) {
                return local.get();
            }
            Projects.insert(c, remote);
            return remote;
        });
    }

    /** Makes {@code workspaceId} the project's main workspace when it has none yet (a clone of a project whose main lives elsewhere). */
    public Project adoptMain(String projectId, String workspaceId) {
        return omni.db().write(c -> {
            Project p = Projects.find(c, projectId).orElseThrow(() -> OmniException.notFound("no project " + projectId));
            if (p.mainWorkspaceId() == null && Workspaces.find(c, workspaceId).isPresent()) {
                Projects.setMain(c, projectId, workspaceId, omni.now());
                return Projects.find(c, projectId).orElseThrow();
            }
            return p;
        });
    }

    /**
     * Adds the workspaces of other machines this store does not know yet (with no working copy
     * here); a name taken here gets the id's last six characters appended. Returns how many were
     * added.
     */
    public int adoptWorkspaces(String projectId, List<Workspace> remote) {
        return omni.db().write(c -> {
            int added = 0;
            for (Workspace w : remote) {
                if (Workspaces.find(c, w.id()).isPresent()) {
                    continue;
                }
                String name = w.name();
                for (Workspace other : Workspaces.ofProject(c, projectId)) {
                    if (other.name().equals(name)) {
                        name = name + "@" + w.id().substring(w.id().length() - 6);
                    }
                }
                Workspaces.insert(c, new Workspace(w.id(), projectId, name, w.machineId(), null, null, null, w.lastSeenAt(),
                        w.createdAt(), 1, "{}"));
                added++;
            }
            return added;
        });
    }

    /** The project with this id, id prefix or name. */
    public Project project(String key) {
        return omni.db().read(c -> Projects.resolve(c, key));
    }

    /** The projects named {@code key}, else those whose id starts with it (at most five). */
    public List<Project> projectsMatching(String key) {
        return omni.db().read(c -> Projects.findByIdPrefixOrName(c, key));
    }

    /** The project with exactly this id, if this store has it. */
    public Optional<Project> findProject(String id) {
        return omni.db().read(c -> Projects.find(c, id));
    }

    /** The workspace that encloses {@code dir}, checked against this store. */
    public Workspace current(Path dir) {
        return workspace(locate(dir));
    }

    /**
     * The workspace row {@code ref} names; a clear error when the store does not know it. A working
     * copy found somewhere else than recorded is relocated (or refused, when it is a copy).
     */
    public Workspace workspace(WorkspaceRef ref) {
        Workspace w = find(ref.workspaceId()).orElseThrow(() -> OmniException.notFound(
                "the workspace at " + ref.root() + " is not in the store at " + omni.home().root()
                        + "; use --home or OMNI_HOME to point at the store it belongs to"));
        if (w.localPath() != null && !w.localPath().equals(ref.root())) {
            return relocate(w, ref.root());
        }
        return w;
    }

    /** What {@code .omni/workspace.json} above {@code dir} says, without reading the store. */
    public static WorkspaceRef locate(Path dir) {
        return WorkspaceFile.find(dir).orElseThrow(() -> OmniException.notFound(Reason.NOT_IN_WORKSPACE,
                "not inside an omni workspace (no .omni/workspace.json in " + dir + " or above)"));
    }

    public Optional<Workspace> find(String id) {
        return omni.db().read(c -> Workspaces.find(c, id));
    }

    /** Live workspaces whose working copy is recorded at {@code root}. */
    public List<Workspace> atPath(Path root) {
        return omni.db().read(c -> Workspaces.atPath(c, root));
    }

    public Project projectOf(Workspace w) {
        return omni.db().read(c -> Projects.find(c, w.projectId())).orElseThrow(() -> OmniException.corrupt(
                "workspace " + w.id() + " belongs to project " + w.projectId() + ", which is missing"));
    }

    public List<Project> projects() {
        return omni.db().read(Projects::all);
    }

    /** The live workspaces of {@code projectId}, or of every project when it is null. */
    public List<Workspace> workspaces(String projectId) {
        return omni.db().read(c -> projectId == null ? Workspaces.all(c) : Workspaces.ofProject(c, projectId));
    }
}
