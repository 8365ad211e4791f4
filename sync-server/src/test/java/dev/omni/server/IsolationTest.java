package dev.omni.server;

import static dev.omni.server.testing.Fixtures.blob;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Two users, every endpoint: Bob never reads Ann's data and cannot tell her ids from ids that
 * exist nowhere. Each check compares Bob's answer for Ann's id with his answer for a fresh id.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@SuppressWarnings("unchecked")
class IsolationTest {
    @Parameter
    Backend backend;
    static final Ulid ULID = new Ulid(Clock.systemUTC());
    static TestServer server;
    static ApiClient ann;
    static ApiClient bob;
    static String project;
    static String workspace;
    static String snapshot;
    static Obj blob;
    static Obj manifest;
    static String annDevice = ULID.next();

    @BeforeParameterizedClassInvocation
    static void annHasEverything(Backend backend) {
        server = TestServer.start(backend);
        ann = server.client(server.login(server.createUser("ann@example.org", "correct horse battery")));
        bob = server.client(server.login(server.createUser("bob@example.org", "battery staple horse")));
        project = ULID.next();
        workspace = ULID.next();
        ann.putJson("/v1/projects/" + project, Map.of("name", "ann's secret project"));
        ann.putJson("/v1/workspaces/" + workspace, Map.of("project_id", project, "name", "ann-laptop"));
        blob = blob("ann's private bytes");
        manifest = tree(List.of(file("secret.txt", blob)));
        ann.postBytes("/v1/objects/batch", "application/vnd.omni.objects-batch", Fixtures.batch(List.of(blob, manifest)));
        snapshot = SnapshotId.PREFIX + ULID.next();
        assertThat(ann.putJson("/v1/snapshots/" + snapshot, Fixtures.snapshot(project, workspace, manifest.id(), List.of()))
                .status()).isEqualTo(201);
        ann.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", snapshot, "expected_version", 0));
        ann.postJson("/v1/changes", Map.of("device_id", annDevice, "changes", List.of(Map.of("seq", 1, "type", "memory_item",
                "entity_id", "m1", "op", "upsert", "data", Map.of("text", "ann's memory")))));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** Bob's answer for Ann's id equals his answer for an id nobody has (status, error code, message shape). */
    static void sameAsNonexistent(Function<String, Reply> call, String annsId, String freshId) {
        Reply forAnns = call.apply(annsId);
        Reply forNobody = call.apply(freshId);
        assertThat(forAnns.status()).isEqualTo(forNobody.status()).isIn(404, 422);
        assertThat(forAnns.error()).isEqualTo(forNobody.error());
        assertThat(((String) forAnns.json().get("message")).replace(annsId, "ID"))
                .isEqualTo(((String) forNobody.json().get("message")).replace(freshId, "ID"));
        assertThat(forAnns.text()).doesNotContain("ann");
    }

    @Test
    void projectsAreInvisible() {
        assertThat((List<Object>) bob.get("/v1/projects").json().get("projects")).extracting("id").doesNotContain(project);
        sameAsNonexistent(id -> bob.get("/v1/projects/" + id), project, ULID.next());
        sameAsNonexistent(id -> bob.get("/v1/projects/" + id + "/workspaces"), project, ULID.next());
        sameAsNonexistent(id -> bob.get("/v1/projects/" + id + "/snapshots"), project, ULID.next());
        sameAsNonexistent(id -> bob.get("/v1/projects/" + id + "/activity"), project, ULID.next());
    }

    @Test
    void bobPuttingAnnsProjectIdCreatesHisOwnAndLeavesAnnsAlone() {
        String annsOther = ULID.next();
        ann.putJson("/v1/projects/" + annsOther, Map.of("name", "ann's other project"));
        ann.putJson("/v1/workspaces/" + ULID.next(), Map.of("project_id", annsOther, "name", "ann-desktop"));
        Reply r = bob.putJson("/v1/projects/" + annsOther, Map.of("name", "bob's"));
        assertThat(r.status()).as("a new project for Bob, as for any unused id").isEqualTo(201);
        assertThat(ann.get("/v1/projects/" + annsOther).json()).containsEntry("name", "ann's other project");
        assertThat((List<Object>) bob.get("/v1/projects/" + annsOther + "/workspaces").json().get("workspaces")).isEmpty();
        assertThat((List<Object>) bob.get("/v1/projects/" + annsOther + "/activity").json().get("events"))
                .extracting("type").containsExactly("project.created");
    }

    @Test
    void workspacesAndHeadsAreInvisible() {
        sameAsNonexistent(id -> bob.get("/v1/workspaces/" + id), workspace, ULID.next());
        sameAsNonexistent(id -> bob.postJson("/v1/workspaces/" + id + "/head",
                Map.of("snapshot_id", snapshot, "expected_version", 1)), workspace, ULID.next());
        sameAsNonexistent(id -> bob.putJson("/v1/workspaces/" + ULID.next(), Map.of("project_id", id, "name", "x")),
                project, ULID.next());
        sameAsNonexistent(id -> bob.putJson("/v1/workspaces/" + id, Map.of("project_id", project, "name", "x")),
                workspace, ULID.next());
        assertThat(ann.get("/v1/workspaces/" + workspace).json()).containsEntry("version", 1);
    }

    @Test
    void objectsAreInvisibleAndUnreadable() {
        sameAsNonexistent(id -> bob.get("/v1/objects/" + id), blob.hex(), blob("nobody's").hex());
        Reply missing = bob.postJson("/v1/objects/missing", Map.of("ids", List.of(blob.hex(), manifest.hex())));
        assertThat((List<Object>) missing.json().get("missing")).containsExactly(blob.hex(), manifest.hex());
        Reply bobUpload = bob.putBytes("/v1/objects/" + blob.hex(), blob.bytes());
        assertThat(bobUpload.status()).as("stored for Bob as new, like any object he lacks").isEqualTo(201);
    }

    @Test
    void snapshotsAreInvisibleAndCannotReachAnnsData() {
        sameAsNonexistent(id -> bob.get("/v1/snapshots/" + id), snapshot, SnapshotId.PREFIX + ULID.next());
        String bobProject = ULID.next();
        bob.putJson("/v1/projects/" + bobProject, Map.of("name", "bob's own"));
        Obj nobodysManifest = tree(List.of(file("x", blob("nobody"))));
        Obj annsOnly = tree(List.of(file("secret2.txt", blob("ann only"))));
        ann.postBytes("/v1/objects/batch", "application/vnd.omni.objects-batch", Fixtures.batch(List.of(annsOnly)));
        Reply annsManifest = bob.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(bobProject, null, annsOnly.id(), List.of()));
        Reply nobodys = bob.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(bobProject, null, nobodysManifest.id(), List.of()));
        assertThat(annsManifest.status()).isEqualTo(nobodys.status()).isEqualTo(422);
        assertThat(annsManifest.error()).isEqualTo(nobodys.error()).isEqualTo("missing_objects");

        sameAsNonexistent(p -> bob.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(bobProject, null, manifest.id(), List.of(p))), snapshot, SnapshotId.PREFIX + ULID.next());
        sameAsNonexistent(p -> bob.putJson("/v1/snapshots/" + SnapshotId.PREFIX + ULID.next(),
                Fixtures.snapshot(p, null, manifest.id(), List.of())), project, ULID.next());
        Reply annsSnapshotId = bob.putJson("/v1/snapshots/" + snapshot, Fixtures.snapshot(bobProject, null, manifest.id(), List.of()));
        assertThat(annsSnapshotId.status()).as("Ann's snapshot id is free for Bob; his manifest is missing").isEqualTo(422);
        assertThat(annsSnapshotId.error()).isEqualTo("missing_objects");
    }

    @Test
    void changesOfOneUserNeverReachAnother() {
        assertThat((List<Object>) bob.get("/v1/changes").json().get("changes")).isEmpty();
        Reply same = bob.postJson("/v1/changes", Map.of("device_id", annDevice, "changes", List.of(Map.of("seq", 1,
                "type", "memory_item", "entity_id", "b1", "op", "upsert", "data", Map.of("text", "bob's")))));
        assertThat(same.json()).containsEntry("max_seq", 1);
        List<Object> annSees = (List<Object>) ann.get("/v1/changes").json().get("changes");
        assertThat(annSees).extracting("entity_id").containsExactly("m1");
    }

    @Test
    void meAnswersTheTokensOwnUser() {
        assertThat(bob.get("/v1/me").json()).containsEntry("email", "bob@example.org");
        assertThat(ann.get("/v1/me").json()).containsEntry("email", "ann@example.org");
    }
}
