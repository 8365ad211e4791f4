package dev.omni.server.sync;

import dev.omni.server.ErrorCode;
import dev.omni.server.Ids;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.Json;
import dev.omni.server.http.Router;
import dev.omni.server.store.HeadMove;
import dev.omni.server.store.Project;
import dev.omni.server.store.PutOutcome;
import dev.omni.server.store.Snapshot;
import dev.omni.server.store.SyncRepository;
import dev.omni.server.store.Workspace;
import dev.omni.server.store.WorkspaceInput;
import dev.omni.wire.ActivityPage;
import dev.omni.wire.HeadRequest;
import dev.omni.wire.HeadView;
import dev.omni.wire.ProjectList;
import dev.omni.wire.ProjectRequest;
import dev.omni.wire.WorkspaceList;
import dev.omni.wire.WorkspaceRequest;
import java.time.Clock;
import java.util.Map;

/** Projects, workspaces, the workspace head and project activity. */
public final class ProjectsApi {
    private final SyncRepository sync;
    private final Clock clock;
    private final ServerOptions.Limits limits;

    public ProjectsApi(SyncRepository sync, Clock clock, ServerOptions.Limits limits) {
        this.sync = sync;
        this.clock = clock;
        this.limits = limits;
    }

    public void routes(Router r) {
        r.get("/v1/projects", this::list);
        r.get("/v1/projects/{id}", this::get);
        r.put("/v1/projects/{id}", this::put);
        r.get("/v1/projects/{id}/workspaces", this::workspaces);
        r.get("/v1/projects/{id}/activity", this::activity);
        r.get("/v1/workspaces/{id}", this::getWorkspace);
        r.put("/v1/workspaces/{id}", this::putWorkspace);
        r.post("/v1/workspaces/{id}/head", this::moveHead);
    }

    private void list(Exchange x) {
        x.json(200, new ProjectList(sync.projects(x.userId()).stream().map(Views::project).toList()));
    }

    private void get(Exchange x) {
        x.json(200, Views.project(project(x, x.param("id"))));
    }

    private Project project(Exchange x, String id) {
        Ids.ulid(id, "the project id");
        return sync.project(x.userId(), id).orElseThrow(() -> ServerException.notFound("project " + id));
    }

    private void put(Exchange x) {
        String id = Ids.ulid(x.param("id"), "the project id");
        ProjectRequest b = Json.read(x.bodyBytes(limits.jsonBodyBytes()), ProjectRequest.class);
        String name = Ids.text(b.name(), "name", 200, true);
        String main = Ids.optionalUlid(b.mainWorkspaceId(), "main_workspace_id");
        PutOutcome<Project> out = sync.putProject(x.userId(), id, name, main, x.clientId(), clock.instant());
        x.json(out.created() ? 201 : 200, Views.project(out.value()));
    }

    private void workspaces(Exchange x) {
        Project p = project(x, x.param("id"));
        x.json(200, new WorkspaceList(sync.workspaces(x.userId(), p.id()).stream().map(Views::workspace).toList()));
    }

    private void activity(Exchange x) {
        Project p = project(x, x.param("id"));
        Paging paging = Paging.of(x, limits.pageSize());
        var page = sync.activity(x.userId(), p.id(), paging.after(), paging.limit());
        x.json(200, new ActivityPage(page.items().stream().map(Views::activity).toList(), Paging.format(page.next()),
                page.hasMore()));
    }

    private Workspace workspace(Exchange x, String id) {
        Ids.ulid(id, "the workspace id");
        return sync.workspace(x.userId(), id).orElseThrow(() -> ServerException.notFound("workspace " + id));
    }

    private void getWorkspace(Exchange x) {
        x.json(200, Views.workspace(workspace(x, x.param("id"))));
    }

    private void putWorkspace(Exchange x) {
        String id = Ids.ulid(x.param("id"), "the workspace id");
        WorkspaceRequest b = Json.read(x.bodyBytes(limits.jsonBodyBytes()), WorkspaceRequest.class);
        WorkspaceInput in = new WorkspaceInput(id, Ids.ulid(b.projectId(), "project_id"),
                Ids.text(b.name(), "name", 200, true), Ids.text(b.machineId(), "machine_id", 200, false),
                Ids.text(b.localPath(), "local_path", 4096, false),
                b.baseSnapshotId() == null ? null : Ids.snapshot(b.baseSnapshotId(), "base_snapshot_id"));
        PutOutcome<Workspace> out = sync.putWorkspace(x.userId(), in, x.clientId(), clock.instant());
        x.json(out.created() ? 201 : 200, Views.workspace(out.value()));
    }

    private void moveHead(Exchange x) {
        Workspace w = workspace(x, x.param("id"));
        HeadRequest b = Json.read(x.bodyBytes(limits.jsonBodyBytes()), HeadRequest.class);
        String snapshotId = Ids.snapshot(b.snapshotId(), "snapshot_id");
        if (b.expectedVersion() == null || b.expectedVersion() < 0) {
            throw ServerException.badRequest("expected_version (the workspace version you last saw, 0 for none) is required");
        }
        Snapshot s = sync.snapshot(x.userId(), snapshotId).orElseThrow(() -> new ServerException(
                ErrorCode.UNKNOWN_REFERENCE, "snapshot " + snapshotId + " is not on the server; push it first"));
        if (!s.projectId().equals(w.projectId())) {
            throw new ServerException(ErrorCode.UNKNOWN_REFERENCE, "snapshot " + snapshotId
                    + " belongs to another project than workspace " + w.id());
        }
        HeadMove m = sync.moveHead(x.userId(), w.id(), snapshotId, b.expectedVersion(), x.clientId(), clock.instant());
        if (!m.moved()) {
            throw new ServerException(ErrorCode.STALE_VERSION, "workspace " + w.id() + " is at version " + m.version()
                    + ", not " + b.expectedVersion() + "; pull, merge and try again",
                    detailsOf(m));
        }
        x.json(200, new HeadView(w.id(), m.snapshotId(), m.version()));
    }

    private static Map<String, Object> detailsOf(HeadMove m) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("snapshot_id", m.snapshotId());
        d.put("version", m.version());
        return d;
    }
}
