package dev.omni.server;

import static dev.omni.server.testing.Fixtures.blob;
import static dev.omni.server.testing.Fixtures.dir;
import static dev.omni.server.testing.Fixtures.file;
import static dev.omni.server.testing.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Ulid;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Projects, workspaces, snapshots, the workspace head, the change log and activity. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@SuppressWarnings("unchecked")
class SyncApiTest {
    @Parameter
    Backend backend;
    static final Ulid ULID = new Ulid(Clock.systemUTC());
    static TestServer server;
    static ApiClient api;
    String project;
    String workspace;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        TestUser ann = server.createUser("ann@example.org", "correct horse battery");
        api = server.client(server.login(ann));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void projectAndWorkspace() {
        project = ULID.next();
        workspace = ULID.next();
        assertThat(api.putJson("/v1/projects/" + project, Map.of("name", "app")).status()).isEqualTo(201);
        assertThat(api.putJson("/v1/workspaces/" + workspace, workspaceBody(project, "laptop")).status()).isEqualTo(201);
    }

    static Map<String, Object> workspaceBody(String projectId, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_id", projectId);
        m.put("name", name);
        m.put("machine_id", "machine-1");
        m.put("local_path", "/home/ann/app");
        m.put("base_snapshot_id", null);
        return m;
    }

    /** Uploads a one-file tree and returns the manifest id. */
    static Obj uploadTree(String content) {
        Obj b = blob(content);
        Obj t = tree(List.of(file("a.txt", b)));
        assertThat(api.postBytes("/v1/objects/batch", "application/vnd.omni.objects-batch",
                Fixtures.batch(List.of(b, t))).status()).isEqualTo(200);
        return t;
    }

    String pushSnapshot(List<String> parents, String content) {
        String id = SnapshotId.PREFIX + ULID.next();
        Reply r = api.putJson("/v1/snapshots/" + id, Fixtures.snapshot(project, workspace, uploadTree(content).id(), parents));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return id;
    }

    // ---------------------------------------------------------------- projects and workspaces

    @Test
    void projectPutIsIdempotentAndUpdates() {
        Map<String, Object> first = api.get("/v1/projects/" + project).json();
        Reply again = api.putJson("/v1/projects/" + project, Map.of("name", "app"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
        Reply renamed = api.putJson("/v1/projects/" + project, Map.of("name", "renamed"));
        assertThat(renamed.json()).containsEntry("name", "renamed");
        assertThat((List<Object>) api.get("/v1/projects").json().get("projects")).extracting("id").contains(project);
    }

    @Test
    void projectErrors() {
        assertThat(api.get("/v1/projects/" + ULID.next()).status()).isEqualTo(404);
        assertThat(api.get("/v1/projects/not-a-ulid").error()).isEqualTo("bad_request");
        assertThat(api.putJson("/v1/projects/" + ULID.next(), Map.of()).error()).isEqualTo("bad_request");
        assertThat(api.putJson("/v1/projects/" + ULID.next(), "{not json").error()).isEqualTo("bad_request");
        Reply method = api.send("DELETE", "/v1/projects/" + project, null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(api.get("/v1/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void workspacesAreListedPerProjectAndNeverChangeProject() {
        Reply again = api.putJson("/v1/workspaces/" + workspace, workspaceBody(project, "laptop"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("version", 0).containsEntry("project_id", project);
        List<?> list = (List<Object>) api.get("/v1/projects/" + project + "/workspaces").json().get("workspaces");
        assertThat(list).extracting("id").containsExactly(workspace);

        String other = ULID.next();
        api.putJson("/v1/projects/" + other, Map.of("name", "other"));
        assertThat(api.putJson("/v1/workspaces/" + workspace, workspaceBody(other, "laptop")).status()).isEqualTo(409);
        assertThat(api.putJson("/v1/workspaces/" + ULID.next(), workspaceBody(ULID.next(), "x")).status()).isEqualTo(404);
        assertThat(api.get("/v1/projects/" + ULID.next() + "/workspaces").status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void snapshotIsRefusedWhileItsManifestOrAnyReachableObjectIsMissing() {
        Obj b1 = blob("one");
        Obj b2 = blob("two");
        Obj sub = tree(List.of(file("b.txt", b2)));
        Obj root = tree(List.of(file("a.txt", b1), dir("sub", sub)));
        String id = SnapshotId.PREFIX + ULID.next();
        Map<String, Object> body = Fixtures.snapshot(project, workspace, root.id(), List.of());

        Reply noManifest = api.putJson("/v1/snapshots/" + id, body);
        assertThat(noManifest.status()).isEqualTo(422);
        assertThat(noManifest.error()).isEqualTo("missing_objects");
        assertThat((List<Object>) noManifest.json().get("missing")).containsExactly(root.hex());

        api.postBytes("/v1/objects/batch", "application/vnd.omni.objects-batch", Fixtures.batch(List.of(root, sub, b1)));
        Reply noBlob = api.putJson("/v1/snapshots/" + id, body);
        assertThat(noBlob.status()).isEqualTo(422);
        assertThat((List<Object>) noBlob.json().get("missing")).containsExactly(b2.hex());
        assertThat(api.get("/v1/snapshots/" + id).status()).isEqualTo(404);

        api.putBytes("/v1/objects/" + b2.hex(), b2.bytes());
        assertThat(api.putJson("/v1/snapshots/" + id, body).status()).isEqualTo(201);
    }

    @Test
    void aManifestThatIsNotACanonicalTreeIsInvalid() {
        Obj notTree = blob("{\"not\": \"a tree\"}");
        api.putBytes("/v1/objects/" + notTree.hex(), notTree.bytes());
        Reply r = api.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(project, workspace, notTree.id(), List.of()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("invalid_manifest");
    }

    @Test
    void snapshotPutIsIdempotentAndConflictsOnOtherContent() {
        Obj manifest = uploadTree("idem");
        String id = SnapshotId.PREFIX + ULID.next();
        Map<String, Object> body = Fixtures.snapshot(project, workspace, manifest.id(), List.of());
        Reply first = api.putJson("/v1/snapshots/" + id, body);
        assertThat(first.status()).isEqualTo(201);
        Reply again = api.putJson("/v1/snapshots/" + id, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());

        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("message", "different");
        Reply conflict = api.putJson("/v1/snapshots/" + id, other);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.error()).isEqualTo("conflict");
    }

    @Test
    void snapshotReferencesMustExist() {
        Obj manifest = uploadTree("refs");
        Reply parent = api.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(project, workspace, manifest.id(), List.of(SnapshotId.PREFIX + ULID.next())));
        assertThat(parent.status()).isEqualTo(422);
        assertThat(parent.error()).isEqualTo("unknown_reference");
        assertThat(parent.json()).containsKey("missing_parents");

        Reply project404 = api.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(ULID.next(), null, manifest.id(), List.of()));
        assertThat(project404.error()).isEqualTo("unknown_reference");

        Reply badId = api.putJson("/v1/snapshots/not-a-snapshot", Fixtures.snapshot(project, workspace, manifest.id(), List.of()));
        assertThat(badId.status()).isEqualTo(400);
        Map<String, Object> badDate = Fixtures.snapshot(project, workspace, manifest.id(), List.of());
        badDate.put("created_at", "yesterday");
        assertThat(api.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(), badDate).status()).isEqualTo(400);
    }

    @Test
    void snapshotsAreListedInReceiptOrderWithACursor() {
        List<String> ids = new ArrayList<>();
        String parent = null;
        for (int i = 0; i < 5; i++) {
            parent = pushSnapshot(parent == null ? List.of() : List.of(parent), "list-" + i);
            ids.add(parent);
        }
        Map<String, Object> page1 = api.get("/v1/projects/" + project + "/snapshots?limit=2").json();
        assertThat((List<Object>) page1.get("snapshots")).extracting("id").containsExactly(ids.get(0), ids.get(1));
        assertThat(page1.get("has_more")).isEqualTo(true);
        Map<String, Object> page2 = api.get("/v1/projects/" + project + "/snapshots?limit=10&after=" + page1.get("next_cursor")).json();
        assertThat((List<Object>) page2.get("snapshots")).extracting("id").containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(page2.get("has_more")).isEqualTo(false);
        Map<String, Object> empty = api.get("/v1/projects/" + project + "/snapshots?after=" + page2.get("next_cursor")).json();
        assertThat((List<Object>) empty.get("snapshots")).isEmpty();
        assertThat(empty.get("next_cursor")).isEqualTo(page2.get("next_cursor"));
        assertThat(api.get("/v1/projects/" + project + "/snapshots?after=xyz").status()).isEqualTo(400);
        assertThat(api.get("/v1/projects/" + project + "/snapshots?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/v1/snapshots/" + ids.get(4)).json()).containsEntry("parents", List.of(ids.get(3)));
    }

    // ---------------------------------------------------------------- head

    @Test
    void headMovesWithTheExpectedVersionAndAnswers409WithTheCurrentHeadWhenStale() {
        String s1 = pushSnapshot(List.of(), "head-1");
        String s2 = pushSnapshot(List.of(s1), "head-2");
        Reply moved = api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s1, "expected_version", 0));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json()).containsEntry("snapshot_id", s1).containsEntry("version", 1);

        Reply retry = api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s1, "expected_version", 0));
        assertThat(retry.status()).as("a repeated move answers success").isEqualTo(200);
        assertThat(retry.json()).containsEntry("version", 1);

        Reply stale = api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s2, "expected_version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.error()).isEqualTo("stale_version");
        assertThat(stale.json()).containsEntry("snapshot_id", s1).containsEntry("version", 1);

        assertThat(api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s2, "expected_version", 1))
                .json()).containsEntry("version", 2);
        assertThat(api.get("/v1/workspaces/" + workspace).json()).containsEntry("current_snapshot_id", s2);
        assertThat(api.get("/v1/projects/" + project).json()).containsEntry("last_snapshot_id", s2);
    }

    @Test
    void headRefusesUnknownSnapshotsAndWorkspaces() {
        Reply unknown = api.postJson("/v1/workspaces/" + workspace + "/head",
                Map.of("snapshot_id", SnapshotId.PREFIX + ULID.next(), "expected_version", 0));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(api.postJson("/v1/workspaces/" + ULID.next() + "/head",
                Map.of("snapshot_id", SnapshotId.PREFIX + ULID.next(), "expected_version", 0)).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", SnapshotId.PREFIX + ULID.next()))
                .status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- changes and activity

    static Map<String, Object> change(long seq, String entity) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seq", seq);
        c.put("type", "memory_item");
        c.put("entity_id", entity);
        c.put("op", "upsert");
        c.put("data", Map.of("text", "fact " + seq, "tags", List.of("a")));
        c.put("at", "2026-11-21T10:00:00Z");
        return c;
    }

    @Test
    void changesAreKeptOncePerDeviceAndSeqAndOtherDevicesReadThemWithACursor() {
        TestUser bob = server.createUser("bob-changes@example.org", "correct horse battery");
        ApiClient bobApi = server.client(server.login(bob));
        String laptop = ULID.next();
        String desktop = ULID.next();
        Map<String, Object> body = Map.of("device_id", laptop, "changes", List.of(change(1, "m1"), change(2, "m2")));
        assertThat(bobApi.postJson("/v1/changes", body).json()).containsEntry("max_seq", 2);
        assertThat(bobApi.postJson("/v1/changes", body).json()).as("a retry adds nothing").containsEntry("max_seq", 2);
        bobApi.postJson("/v1/changes", Map.of("device_id", desktop, "changes", List.of(change(1, "d1"))));

        Map<String, Object> forDesktop = bobApi.get("/v1/changes?device_id=" + desktop).json();
        List<?> changes = (List<Object>) forDesktop.get("changes");
        assertThat(changes).extracting("entity_id").containsExactly("m1", "m2");
        assertThat(changes.get(0)).extracting("data").isEqualTo(Map.of("text", "fact 1", "tags", List.of("a")));

        Map<String, Object> first = bobApi.get("/v1/changes?limit=1").json();
        assertThat((List<Object>) first.get("changes")).hasSize(1);
        assertThat(first.get("has_more")).isEqualTo(true);
        Map<String, Object> rest = bobApi.get("/v1/changes?after=" + first.get("next_cursor")).json();
        assertThat((List<Object>) rest.get("changes")).extracting("entity_id").containsExactly("m2", "d1");

        assertThat(bobApi.postJson("/v1/changes", Map.of("device_id", laptop, "changes", List.of(change(0, "x")))).status())
                .isEqualTo(400);
        assertThat(bobApi.postJson("/v1/changes", Map.of("device_id", "nope", "changes", List.of())).status()).isEqualTo(400);
    }

    @Test
    void activityRecordsWhatHappenedToTheProject() {
        String s1 = pushSnapshot(List.of(), "activity");
        api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s1, "expected_version", 0));
        Map<String, Object> a = api.get("/v1/projects/" + project + "/activity").json();
        assertThat((List<Object>) a.get("events")).extracting("type")
                .containsExactly("project.created", "workspace.registered", "snapshot.pushed", "head.moved");
        Map<String, Object> after = api.get("/v1/projects/" + project + "/activity?after=" + a.get("next_cursor")).json();
        assertThat((List<Object>) after.get("events")).isEmpty();
        assertThat(api.get("/v1/projects/" + ULID.next() + "/activity").status()).isEqualTo(404);
    }
}
