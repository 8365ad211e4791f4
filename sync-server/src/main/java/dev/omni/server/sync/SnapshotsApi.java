package dev.omni.server.sync;

import dev.omni.core.model.ObjectId;
import dev.omni.server.ErrorCode;
import dev.omni.server.Ids;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.Json;
import dev.omni.server.http.Router;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.store.Project;
import dev.omni.server.store.PutOutcome;
import dev.omni.server.store.Snapshot;
import dev.omni.server.store.SyncRepository;
import dev.omni.server.store.Workspace;
import dev.omni.wire.ProtocolLimits;
import dev.omni.wire.SnapshotPage;
import dev.omni.wire.SnapshotRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Snapshot records: accepted only when everything they reach is present. */
public final class SnapshotsApi {
    static final int MAX_PARENTS = ProtocolLimits.SNAPSHOT_PARENTS;
    private final SyncRepository sync;
    private final Reachability reachability;
    private final Clock clock;
    private final ServerOptions.Limits limits;

    public SnapshotsApi(SyncRepository sync, ObjectStore objects, Clock clock, ServerOptions.Limits limits) {
        this.sync = sync;
        this.reachability = new Reachability(objects, sync, limits.batchObjectBytes() * 16);
        this.clock = clock;
        this.limits = limits;
    }

    public void routes(Router r) {
        r.put("/v1/snapshots/{id}", this::put);
        r.get("/v1/snapshots/{id}", this::get);
        r.get("/v1/projects/{id}/snapshots", this::list);
    }

    private void get(Exchange x) {
        String id = Ids.snapshot(x.param("id"), "the snapshot id");
        Snapshot s = sync.snapshot(x.userId(), id).orElseThrow(() -> ServerException.notFound("snapshot " + id));
        x.json(200, Views.snapshot(s));
    }

    private void list(Exchange x) {
        String projectId = Ids.ulid(x.param("id"), "the project id");
        Project p = sync.project(x.userId(), projectId).orElseThrow(() -> ServerException.notFound("project " + projectId));
        Paging paging = Paging.of(x, limits.pageSize());
        var page = sync.snapshots(x.userId(), p.id(), paging.after(), paging.limit());
        x.json(200, new SnapshotPage(page.items().stream().map(Views::snapshot).toList(), Paging.format(page.next()),
                page.hasMore()));
    }

    private void put(Exchange x) {
        String id = Ids.snapshot(x.param("id"), "the snapshot id");
        Snapshot s = parse(id, Json.read(x.bodyBytes(limits.jsonBodyBytes()), SnapshotRequest.class));
        String user = x.userId();
        Optional<Snapshot> existing = sync.snapshot(user, id);
        if (existing.isPresent()) {
            x.json(200, Views.snapshot(sameOrConflict(existing.get(), s)));
            return;
        }
        requireReferences(user, s);
        reachability.requireComplete(user, ObjectId.parse(s.manifestHash()));
        PutOutcome<Snapshot> out = sync.putSnapshot(user, s, x.clientId(), clock.instant());
        x.json(out.created() ? 201 : 200, Views.snapshot(out.created() ? out.value() : sameOrConflict(out.value(), s)));
    }

    private static Snapshot sameOrConflict(Snapshot stored, Snapshot sent) {
        if (!stored.sameContent(sent)) {
            throw new ServerException(ErrorCode.CONFLICT, "snapshot " + sent.id() + " exists with other content");
        }
        return stored;
    }

    private void requireReferences(String user, Snapshot s) {
        if (sync.project(user, s.projectId()).isEmpty()) {
            throw new ServerException(ErrorCode.UNKNOWN_REFERENCE, "project " + s.projectId()
                    + " is not on the server; PUT /projects/" + s.projectId() + " first");
        }
        if (s.workspaceId() != null) {
            Optional<Workspace> w = sync.workspace(user, s.workspaceId());
            if (w.isEmpty() || !w.get().projectId().equals(s.projectId())) {
                throw new ServerException(ErrorCode.UNKNOWN_REFERENCE, "workspace " + s.workspaceId()
                        + " is not a workspace of project " + s.projectId() + " on the server");
            }
        }
        List<String> known = sync.existingSnapshots(user, s.parents());
        List<String> missing = s.parents().stream().filter(p -> !known.contains(p)).toList();
        if (!missing.isEmpty()) {
            throw new ServerException(ErrorCode.UNKNOWN_REFERENCE, "parent snapshots are not on the server; push them first",
                    Map.of("missing_parents", missing));
        }
    }

    private static Snapshot parse(String id, SnapshotRequest b) {
        String project = Ids.ulid(b.projectId(), "project_id");
        String workspace = Ids.optionalUlid(b.workspaceId(), "workspace_id");
        String manifest = Ids.object(b.manifestHash(), "manifest_hash").hex();
        List<String> parents = b.parents() == null ? List.of() : b.parents();
        if (parents.size() > MAX_PARENTS) {
            throw ServerException.badRequest("a snapshot has at most " + MAX_PARENTS + " parents");
        }
        if (new LinkedHashSet<>(parents).size() != parents.size()) {
            throw ServerException.badRequest("parents lists a snapshot twice");
        }
        List<String> ps = new ArrayList<>();
        for (String p : parents) {
            ps.add(Ids.snapshot(p, "a parent"));
        }
        if (ps.contains(id)) {
            throw ServerException.badRequest("a snapshot cannot be its own parent");
        }
        String createdAt = Ids.text(b.createdAt(), "created_at", 64, true);
        try {
            OffsetDateTime.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw ServerException.badRequest("created_at must be an ISO-8601 date-time with offset, e.g. 2026-11-21T10:15:30Z");
        }
        if (b.files() == null || b.files() < 0 || b.bytes() == null || b.bytes() < 0) {
            throw ServerException.badRequest("files and bytes are required and not negative");
        }
        return new Snapshot(id, project, workspace, manifest, ps, Ids.text(b.message(), "message", 65_536, false),
                Ids.text(b.source(), "source", 32, false), Ids.text(b.author(), "author", 200, false), createdAt,
                b.files(), b.bytes(), 0, null);
    }
}
