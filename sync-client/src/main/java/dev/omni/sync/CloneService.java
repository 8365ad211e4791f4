package dev.omni.sync;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.sync.SyncState;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.sync.client.ServerClient;
import dev.omni.wire.ProjectView;
import dev.omni.wire.WorkspaceView;
import java.nio.file.Path;
import java.util.List;

/**
 * A new workspace on this machine from the server's latest snapshot of a project's main workspace:
 * the project is pulled, the files written out, and the new workspace registered on the server.
 */
public final class CloneService {
    private final Omni omni;
    private final ServerClient client;
    private final Progress progress;

    public CloneService(Omni omni, ServerClient client, Progress progress) {
        this.omni = omni;
        this.client = client;
        this.progress = progress;
    }

    /** The new workspace and the snapshot it started from. */
    public record Cloned(Project project, Workspace workspace, Snapshot from, PullService.Result pulled) {
    }

    /** Clones project {@code key} into {@code dir} (null: {@code cwd}/PROJECT-NAME). */
    public Cloned clone(String key, Path dir, String name, String actor, Path cwd) {
        ProjectView remote = find(key);
        String projectId = remote.id();
        Project project = new SyncState(omni, client.server().toString()).adoptProject(new Project(projectId, remote.name(), null,
                remote.createdAt() != null ? Times.parse(remote.createdAt()) : omni.now(),
                remote.updatedAt() != null ? Times.parse(remote.updatedAt()) : omni.now()));
        PullService.Result pulled = new PullService(omni, client, progress).pull(project);
        String main = remote.mainWorkspaceId();
        String head = null;
        if (main != null) {
            for (WorkspaceView w : client.workspaces(projectId)) {
                if (main.equals(w.id())) {
                    head = w.currentSnapshotId();
                }
            }
        }
        if (head == null) {
            head = remote.lastSnapshotId();
        }
        if (head == null) {
            throw OmniException.notFound("project '" + project.name() + "' has no snapshot on the server yet");
        }
        if (main != null && project.mainWorkspaceId() == null) {
            project = new WorkspaceService(omni).adoptMain(projectId, main);
        }
        Snapshot from = new SnapshotService(omni).get(new SnapshotId(head));
        String wsName = name != null ? name : omni.machineName();
        WorkspaceService wss = new WorkspaceService(omni);
        if (wss.byName(projectId, wsName).filter(w -> w.name().equals(wsName)).isPresent()) {
            throw OmniException.conflict(OmniException.Reason.WORKSPACE_NAME_TAKEN, "project '" + project.name()
                    + "' already has a workspace named '" + wsName + "'");
        }
        Path target = dir != null ? dir : cwd.resolve(project.name());
        Workspace ws = new WorkspaceLifecycle(omni).create(project, wsName, from, target, actor, progress);
        new PushService(omni, client, Progress.NONE).push(ws);
        return new Cloned(project, ws, from, pulled);
    }

    private ProjectView find(String key) {
        List<ProjectView> projects = client.projects();
        for (ProjectView p : projects) {
            if (key.equalsIgnoreCase(p.id()) || key.equals(p.name())) {
                return p;
            }
        }
        List<ProjectView> prefix = projects.stream().filter(p -> p.id() != null && p.id().startsWith(key.toUpperCase())).toList();
        if (prefix.size() == 1) {
            return prefix.get(0);
        }
        if (prefix.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several projects on the server");
        }
        throw OmniException.notFound("no project '" + key + "' on " + client.server()
                + (projects.isEmpty() ? " (it has none)" : " (it has: " + String.join(", ",
                        projects.stream().map(p -> String.valueOf(p.name())).sorted().toList()) + ")"));
    }
}
