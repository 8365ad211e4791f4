package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Ulid;
import dev.omni.server.cli.Main;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.PostgresCluster;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omni-server migrate} from a populated single-machine server (SQLite and packs) to
 * PostgreSQL and S3: everything arrives, clients keep their tokens and cursors, a push and a pull
 * work against the new backends, and running it again copies only what is new.
 */
@SuppressWarnings("unchecked")
class MigrateTest {
    static final Ulid ULID = new Ulid(Clock.systemUTC());
    static final String BATCH = "application/vnd.omni.objects-batch";
    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path old;
    @TempDir
    Path fresh;
    Backend.TestStorage target;

    @BeforeEach
    void target() {
        target = Backend.POSTGRES.create(fresh);
    }

    @AfterEach
    void dispose() {
        target.close();
    }

    record Run(int code, String out) {
    }

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), new ByteArrayInputStream(new byte[0]),
                args);
        return new Run(code, out.toString());
    }

    Run migrate() {
        List<String> args = new ArrayList<>(List.of("migrate", "--from-data", old.toString()));
        List<String> to = Backend.cliArgs(target.storage());
        args.addAll(List.of("--to-db", to.get(to.indexOf("--db") + 1), "--to-db-password-file",
                to.get(to.indexOf("--db-password-file") + 1), "--to-objects", to.get(to.indexOf("--objects") + 1)));
        return cli(args.toArray(new String[0]));
    }

    static Obj random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new Obj(Hashing.sha256(b), b);
    }

    static Map<String, Object> change(long seq, String entity) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seq", seq);
        c.put("type", "memory_item");
        c.put("entity_id", entity);
        c.put("op", "upsert");
        c.put("data", Map.of("text", "fact " + seq));
        c.put("at", "2026-11-21T10:00:00Z");
        return c;
    }

    @Test
    void aPopulatedServerMovesToPostgresAndS3AndItsClientsCarryOn() {
        String token;
        String revoked;
        String project = ULID.next();
        String workspace = ULID.next();
        String laptop = ULID.next();
        List<Obj> objects = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            objects.add(Fixtures.blob("file " + i));
        }
        Obj large = random(6 * 1024 * 1024, 1);
        Obj tree = Fixtures.tree(List.of(Fixtures.file("a.txt", objects.get(0)), Fixtures.file("large.bin", large)));
        String s1 = SnapshotId.PREFIX + ULID.next();
        Map<String, Object> before;
        Map<String, Object> changesBefore;
        Map<String, Object> activityBefore;
        TestUser ann;
        try (TestServer server = TestServer.start(old, TestServer.testOptions())) {
            ann = server.createUser("ann@example.org", PASSWORD);
            server.createUser("bob@example.org", PASSWORD);
            token = server.login(ann);
            revoked = server.login(ann);
            ApiClient api = server.client(token);
            server.client(revoked).postJson("/v1/auth/logout", "{}");
            api.putJson("/v1/projects/" + project, Map.of("name", "app"));
            api.putJson("/v1/workspaces/" + workspace, Map.of("project_id", project, "name", "laptop"));
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(objects)).status()).isEqualTo(200);
            assertThat(api.putBytes("/v1/objects/" + large.hex(), large.bytes()).status()).isEqualTo(201);
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(tree))).status()).isEqualTo(200);
            assertThat(api.putJson("/v1/snapshots/" + s1, Fixtures.snapshot(project, workspace, tree.id(), List.of()))
                    .status()).isEqualTo(201);
            assertThat(api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s1,
                    "expected_version", 0)).status()).isEqualTo(200);
            api.postJson("/v1/changes", Map.of("device_id", laptop, "changes", List.of(change(1, "m1"), change(2, "m2"))));
            before = api.get("/v1/projects/" + project + "/snapshots").json();
            changesBefore = api.get("/v1/changes").json();
            activityBefore = api.get("/v1/projects/" + project + "/activity").json();
        }

        Run first = migrate();
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("users          2 rows").contains("done: 302 objects copied")
                .doesNotContain(PostgresCluster.shared().password());

        try (TestServer moved = TestServer.start(target.storage(), TestServer.testOptions())) {
            ApiClient api = moved.client(token);
            assertThat(api.get("/v1/me").json()).as("the token still works").containsEntry("email", "ann@example.org");
            assertThat(moved.client(revoked).get("/v1/me").status()).as("a revoked one stays revoked").isEqualTo(401);
            assertThat(moved.server().accounts().signIn("ann@example.org", PASSWORD)).as("the password too").isPresent();
            assertThat(api.get("/v1/projects/" + project + "/snapshots").json()).isEqualTo(before);
            assertThat(api.get("/v1/changes").json()).isEqualTo(changesBefore);
            assertThat(api.get("/v1/projects/" + project + "/activity").json()).isEqualTo(activityBefore);
            assertThat(api.get("/v1/workspaces/" + workspace).json()).containsEntry("current_snapshot_id", s1)
                    .containsEntry("version", 1);
            assertThat(api.get("/v1/objects/" + large.hex()).body()).isEqualTo(large.bytes());
            for (Obj o : objects) {
                assertThat(api.get("/v1/objects/" + o.hex()).body()).isEqualTo(o.bytes());
            }

            // A push: new objects, a snapshot on top, the head moved from the version the client knew.
            Obj added = Fixtures.blob("written after the move");
            Obj tree2 = Fixtures.tree(List.of(Fixtures.file("a.txt", added), Fixtures.file("large.bin", large)));
            assertThat((List<String>) api.postJson("/v1/objects/missing", Map.of("ids", List.of(added.hex(), tree2.hex(),
                    large.hex()))).json().get("missing")).containsExactly(added.hex(), tree2.hex());
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(added, tree2))).status())
                    .isEqualTo(200);
            String s2 = SnapshotId.PREFIX + ULID.next();
            assertThat(api.putJson("/v1/snapshots/" + s2, Fixtures.snapshot(project, workspace, tree2.id(), List.of(s1)))
                    .status()).isEqualTo(201);
            assertThat(api.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", s2,
                    "expected_version", 1)).json()).containsEntry("version", 2);
            // A pull from the cursor the client held before the move sees exactly the new snapshot.
            Map<String, Object> after = api.get("/v1/projects/" + project + "/snapshots?after=" + before.get("next_cursor"))
                    .json();
            assertThat((List<Map<String, Object>>) after.get("snapshots")).extracting(m -> m.get("id")).containsExactly(s2);
            api.postJson("/v1/changes", Map.of("device_id", laptop, "changes", List.of(change(3, "m3"))));
            assertThat((List<Map<String, Object>>) api.get("/v1/changes?after=" + changesBefore.get("next_cursor")).json()
                    .get("changes")).extracting(m -> m.get("entity_id")).containsExactly("m3");
        }

        Run again = migrate();
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).as("nothing is copied twice").contains("done: 0 objects copied").contains("302 were there already");
        List<String> verify = new ArrayList<>(List.of("verify"));
        verify.addAll(Backend.cliArgs(target.storage()));
        Run v = cli(verify.toArray(new String[0]));
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("ok: 304 objects").doesNotContain("note:");
        try (TestServer moved = TestServer.start(target.storage(), TestServer.testOptions())) {
            assertThat(moved.client(token).get("/v1/workspaces/" + workspace).json())
                    .as("running it again does not take the target back").containsEntry("version", 2);
        }
    }

    @Test
    void anInterruptedMigrationIsResumedAndCopiesOnlyWhatIsMissing() {
        List<Obj> objects = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            objects.add(random(1000 + i, 10 + i));
        }
        TestUser ann;
        try (TestServer server = TestServer.start(old, TestServer.testOptions())) {
            ann = server.createUser("ann@example.org", PASSWORD);
            assertThat(server.client(server.login(ann)).postBytes("/v1/objects/batch", BATCH, Fixtures.batch(objects))
                    .status()).isEqualTo(200);
        }
        assertThat(migrate().code()).isZero();
        // What an interruption after part of the objects looks like from the target: some are
        // there, some not. Here the source gains objects instead, which a second run must bring.
        List<Obj> more = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            more.add(random(2000 + i, 100 + i));
        }
        try (TestServer server = TestServer.start(old, TestServer.testOptions())) {
            assertThat(server.client(server.login(ann)).postBytes("/v1/objects/batch", BATCH, Fixtures.batch(more))
                    .status()).isEqualTo(200);
        }
        Run second = migrate();
        assertThat(second.out()).contains("done: 20 objects copied").contains("50 were there already");
        List<String> verify = new ArrayList<>(List.of("verify"));
        verify.addAll(Backend.cliArgs(target.storage()));
        assertThat(cli(verify.toArray(new String[0])).out()).contains("ok: 70 objects");
        assertThat(S3Server.shared().client().listObjectsV2(b -> b.bucket(target.storage().objects().bucket())).contents()
                .stream().filter(o -> o.key().endsWith(".pack")).count()).as("objects travel in groups").isLessThan(5);
    }

    @Test
    void aServedSourceIsRefusedAndAMissingOneExplained() {
        try (TestServer server = TestServer.start(old, TestServer.testOptions())) {
            Run busy = migrate();
            assertThat(busy.code()).isEqualTo(1);
            // In this JVM the lock is refused as "already serves"; from another process as "another omni-server".
            assertThat(busy.out()).containsPattern("already serves|another omni-server is serving").hasLineCount(1);
        }
        Run missing = cli("migrate", "--from-data", fresh.resolve("nothing").toString(), "--to-db",
                "postgresql://omni@127.0.0.1:1/x");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("no omni server data in");
    }
}
