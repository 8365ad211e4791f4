package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Ulid;
import dev.omni.server.cli.Main;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.PostgresCluster;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.ServerProcess;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.server.testing.WebLogin;
import dev.omni.testing.Wait;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several server instances over one PostgreSQL database and one bucket, with no sticky sessions:
 * whatever one instance wrote, another reads and continues; races between instances have one
 * winner; an instance killed mid-upload leaves nothing visible and nothing another cannot finish.
 */
@SuppressWarnings("unchecked")
class MultiInstanceTest {
    static final Ulid ULID = new Ulid(Clock.systemUTC());
    static final String PASSWORD = "correct horse battery";
    static final String BATCH = "application/vnd.omni.objects-batch";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    TestServer a;
    TestServer b;
    TestUser ann;

    @BeforeEach
    void twoInstances() {
        a = TestServer.start(Backend.POSTGRES);
        b = TestServer.start(a.storage(), TestServer.testOptions());
        ann = a.createUser("ann@example.org", PASSWORD);
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
    }

    @Test
    void aDeviceCodeRequestedOnOneInstanceIsApprovedOnASecondAndPolledOnAThird() {
        try (TestServer c = TestServer.start(a.storage(), TestServer.testOptions())) {
            Map<String, Object> auth = a.client(null).form("/oauth/device_authorization", Map.of("client_id", "omni-cli"))
                    .json();
            String deviceCode = (String) auth.get("device_code");
            Reply pending = c.client(null).form("/oauth/token", Map.of("grant_type", GRANT, "device_code", deviceCode,
                    "client_id", "omni-cli"));
            assertThat(pending.error()).isEqualTo("authorization_pending");

            WebLogin web = new WebLogin(b.baseUrl());
            assertThat(web.signIn(ann.email(), PASSWORD).status()).isEqualTo(303);
            assertThat(web.decide((String) auth.get("user_code"), true).status()).isEqualTo(200);

            Reply token = c.client(null).form("/oauth/token", Map.of("grant_type", GRANT, "device_code", deviceCode,
                    "client_id", "omni-cli"));
            assertThat(token.status()).as(token.text()).isEqualTo(200);
            String accessToken = (String) token.json().get("access_token");
            for (TestServer s : List.of(a, b, c)) {
                assertThat(s.client(accessToken).get("/v1/me").json()).containsEntry("email", ann.email());
            }
            Reply again = a.client(null).form("/oauth/token", Map.of("grant_type", GRANT, "device_code", deviceCode,
                    "client_id", "omni-cli"));
            assertThat(again.status()).as("a device code yields a token once, whichever instance is asked").isEqualTo(400);
        }
    }

    @Test
    void twoInstancesPollingOneApprovedCodeAtOnceIssueOneToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Map<String, Object> auth = a.client(null).form("/oauth/device_authorization",
                        Map.of("client_id", "omni-cli")).json();
                a.approve((String) auth.get("user_code"), ann);
                Map<String, String> poll = Map.of("grant_type", GRANT, "device_code", (String) auth.get("device_code"),
                        "client_id", "omni-cli");
                List<Reply> replies = race(pool, () -> a.client(null).form("/oauth/token", poll),
                        () -> b.client(null).form("/oauth/token", poll));
                assertThat(replies).extracting(Reply::status).as("round %d", round).containsExactlyInAnyOrder(200, 400);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoClientsMovingOneHeadThroughDifferentInstancesHaveExactlyOneWinner() throws Exception {
        ApiClient viaA = a.client(a.login(ann));
        ApiClient viaB = b.client(b.login(ann));
        String project = ULID.next();
        String workspace = ULID.next();
        assertThat(viaA.putJson("/v1/projects/" + project, Map.of("name", "app")).status()).isEqualTo(201);
        assertThat(viaB.putJson("/v1/workspaces/" + workspace, Map.of("project_id", project, "name", "laptop")).status())
                .isEqualTo(201);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long version = 0;
            for (int round = 0; round < 15; round++) {
                String left = snapshot(viaA, project, workspace, "left " + round);
                String right = snapshot(viaB, project, workspace, "right " + round);
                long expected = version;
                List<Reply> replies = race(pool,
                        () -> viaA.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", left,
                                "expected_version", expected)),
                        () -> viaB.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", right,
                                "expected_version", expected)));
                assertThat(replies).extracting(Reply::status).as("round %d", round).containsExactlyInAnyOrder(200, 409);
                Reply won = replies.get(0).status() == 200 ? replies.get(0) : replies.get(1);
                Reply lost = replies.get(0).status() == 200 ? replies.get(1) : replies.get(0);
                version = expected + 1;
                assertThat(lost.error()).isEqualTo("stale_version");
                assertThat(lost.json()).as("the loser hears the current head").containsEntry("version", (int) version)
                        .containsEntry("snapshot_id", won.json().get("snapshot_id"));
                assertThat(viaB.get("/v1/workspaces/" + workspace).json())
                        .containsEntry("current_snapshot_id", won.json().get("snapshot_id"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReaderPagingWithACursorWhileTwoInstancesWriteMissesNoSnapshot() throws Exception {
        String token = a.login(ann);
        ApiClient viaA = a.client(token);
        ApiClient viaB = b.client(token);
        String project = ULID.next();
        String workspace = ULID.next();
        viaA.putJson("/v1/projects/" + project, Map.of("name", "app"));
        viaA.putJson("/v1/workspaces/" + workspace, Map.of("project_id", project, "name", "laptop"));
        Obj blob = Fixtures.blob("cursor");
        Obj tree = Fixtures.tree(List.of(Fixtures.file("a.txt", blob)));
        assertThat(viaA.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(blob, tree))).status()).isEqualTo(200);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger writing = new java.util.concurrent.atomic.AtomicInteger(2);
            for (ApiClient api : List.of(viaA, viaB)) {
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 40; i++) {
                        String id = SnapshotId.PREFIX + ULID.next();
                        assertThat(api.putJson("/v1/snapshots/" + id, Fixtures.snapshot(project, workspace, tree.id(),
                                List.of())).status()).isEqualTo(201);
                        written.add(id);
                    }
                    writing.decrementAndGet();
                    return null;
                });
            }
            Future<List<String>> reader = pool.submit(() -> {
                List<String> seen = new ArrayList<>();
                Object cursor = 0;
                go.await();
                boolean last = false;
                while (true) {
                    boolean done = writing.get() == 0;
                    Map<String, Object> page = (seen.size() % 2 == 0 ? viaA : viaB)
                            .get("/v1/projects/" + project + "/snapshots?after=" + cursor + "&limit=7").json();
                    for (Map<String, Object> snap : (List<Map<String, Object>>) page.get("snapshots")) {
                        seen.add((String) snap.get("id"));
                    }
                    cursor = page.get("next_cursor");
                    if (last && !(Boolean) page.get("has_more")) {
                        return seen;
                    }
                    last = done;
                }
            });
            go.countDown();
            List<String> seen = reader.get();
            assertThat(written).hasSize(80);
            assertThat(seen).as("every snapshot read once, none passed by the cursor").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(written);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onePushWhoseRequestsLandOnDifferentInstancesSucceeds() {
        String token = a.login(ann);
        ApiClient viaA = a.client(token);
        ApiClient viaB = b.client(token);
        String project = ULID.next();
        String workspace = ULID.next();
        viaB.putJson("/v1/projects/" + project, Map.of("name", "app"));
        viaA.putJson("/v1/workspaces/" + workspace, Map.of("project_id", project, "name", "laptop"));
        Obj big = random(3 * 1024 * 1024, 7);
        Obj file = Fixtures.blob("spread over two instances");
        Obj tree = Fixtures.tree(List.of(Fixtures.file("a.txt", file), Fixtures.file("big.bin", big)));
        List<String> ids = List.of(file.hex(), tree.hex(), big.hex());
        assertThat((List<String>) viaA.postJson("/v1/objects/missing", Map.of("ids", ids)).json().get("missing"))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(viaB.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(file, tree))).status()).isEqualTo(200);
        assertThat(viaA.putBytes("/v1/objects/" + big.hex(), big.bytes()).status()).isEqualTo(201);
        assertThat((List<String>) viaB.postJson("/v1/objects/missing", Map.of("ids", ids)).json().get("missing")).isEmpty();
        String snap = SnapshotId.PREFIX + ULID.next();
        assertThat(viaA.putJson("/v1/snapshots/" + snap, Fixtures.snapshot(project, workspace, tree.id(), List.of()))
                .status()).isEqualTo(201);
        assertThat(viaB.postJson("/v1/workspaces/" + workspace + "/head", Map.of("snapshot_id", snap,
                "expected_version", 0)).status()).isEqualTo(200);
        assertThat(viaA.get("/v1/objects/" + big.hex()).body()).isEqualTo(big.bytes());
        assertThat(viaB.get("/v1/objects/" + file.hex()).body()).isEqualTo(file.bytes());
        assertThat((List<Object>) viaA.get("/v1/projects/" + project + "/snapshots").json().get("snapshots")).hasSize(1);
    }

    @Test
    void anInstanceKilledDuringABatchUploadLeavesNothingPartialAndTheOtherTakesTheRetry(@TempDir Path logs)
            throws Exception {
        String token = a.login(ann);
        List<String> args = new ArrayList<>(Backend.cliArgs(a.storage()));
        args.set(1, logs.resolve("killed-data").toString());
        ServerProcess killed = ServerProcess.start(args, Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY), logs, "killed");
        try {
            assertThat(killed.commandLine()).as("no password on the command line").contains("--db-password-file")
                    .doesNotContain(PostgresCluster.shared().password()).doesNotContain(S3Server.SECRET_KEY);
            List<Obj> objects = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                objects.add(random(256 * 1024, 100 + i));
            }
            byte[] batch = Fixtures.batch(objects);
            int frame = 32 + 4 + 256 * 1024;
            int sent = 12 + 20 * frame + frame / 2; // header, 20 whole objects, half of the 21st
            ApiClient viaA = a.client(token);
            try (Socket s = new Socket("127.0.0.1", killed.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/objects/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: " + BATCH + "\r\nContent-Length: " + batch.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(batch, 0, sent);
                out.flush();
                // Commit groups are 4 MiB: objects 1-16 become visible (on the other instance too); the
                // rest of what was sent is verified and staged in memory when the instance dies.
                Wait.until("objects 1-16 visible through the other instance", Duration.ofSeconds(30),
                        () -> viaA.get("/v1/objects/" + objects.get(15).hex()).status() == 200);
                killed.kill();
            }
            for (int i = 0; i < objects.size(); i++) {
                assertThat(viaA.get("/v1/objects/" + objects.get(i).hex()).status()).as("object %d", i + 1)
                        .isEqualTo(i < 16 ? 200 : 404);
            }
            Reply retry = viaA.postBytes("/v1/objects/batch", BATCH, batch);
            assertThat(retry.status()).as(retry.text()).isEqualTo(200);
            assertThat(retry.json()).containsEntry("stored", 24).containsEntry("existing", 16).containsEntry("rejected", 0);
            for (Obj o : objects) {
                assertThat(viaA.get("/v1/objects/" + o.hex()).body()).isEqualTo(o.bytes());
            }
            assertThat(countRows("objects")).as("each object indexed once").isEqualTo(40);
            assertThat(packEntries()).as("each object's bytes stored once").isEqualTo(40);
            String v = cli("verify");
            assertThat(v).contains("ok: 40 objects").doesNotContain("note:").doesNotContain("PROBLEM");
        } finally {
            killed.close();
        }
    }

    @Test
    void anInstanceKilledDuringALargeUploadLeavesAnIncompleteUploadThatGcAborts(@TempDir Path logs) throws Exception {
        String token = a.login(ann);
        List<String> args = new ArrayList<>(Backend.cliArgs(a.storage()));
        args.set(1, logs.resolve("killed-data").toString());
        ServerProcess killed = ServerProcess.start(args, Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY), logs, "killed");
        Obj large = random(24 * 1024 * 1024, 5);
        var bucket = a.storage().objects().bucket();
        var s3 = S3Server.shared().client();
        try (Socket s = new Socket("127.0.0.1", killed.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /v1/objects/" + large.hex() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + large.bytes().length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(large.bytes(), 0, 20 * 1024 * 1024);
            out.flush();
            Wait.until("the large object streaming into a multipart upload", Duration.ofSeconds(30),
                    () -> !s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().isEmpty());
            killed.kill();
        } finally {
            killed.close();
        }
        ApiClient viaA = a.client(token);
        assertThat(viaA.get("/v1/objects/" + large.hex()).status()).as("nothing of it is visible").isEqualTo(404);
        assertThat(cli("verify")).contains("ok: 0 objects").contains("incomplete multipart upload");
        assertThat(cli("gc", "--grace", "PT0S")).contains("aborted 1 incomplete uploads");
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();

        assertThat(viaA.putBytes("/v1/objects/" + large.hex(), large.bytes()).status()).isEqualTo(201);
        assertThat(b.client(token).get("/v1/objects/" + large.hex()).body()).isEqualTo(large.bytes());
        assertThat(cli("verify")).contains("ok: 1 objects").doesNotContain("note:");
    }

    private String cli(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(a.cliArgs());
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), new ByteArrayInputStream(new byte[0]),
                all.toArray(new String[0]));
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    private long countRows(String table) throws Exception {
        String url = a.storage().database().jdbcUrl();
        try (Connection c = PostgresCluster.shared().connect(url.substring(url.lastIndexOf('/') + 1));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Entries in all the bucket's packs (each of these tests' objects is 256 KiB, stored raw). */
    private long packEntries() {
        var s3 = S3Server.shared().client();
        return s3.listObjectsV2Paginator(r -> r.bucket(a.storage().objects().bucket())).contents().stream()
                .filter(o -> o.key().endsWith(".pack"))
                .mapToLong(o -> (o.size() - 8) / (49 + 256 * 1024)).sum();
    }

    private static String snapshot(ApiClient api, String project, String workspace, String content) {
        Obj blob = Fixtures.blob(content);
        Obj tree = Fixtures.tree(List.of(Fixtures.file("a.txt", blob)));
        assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(blob, tree))).status()).isEqualTo(200);
        String id = SnapshotId.PREFIX + ULID.next();
        assertThat(api.putJson("/v1/snapshots/" + id, Fixtures.snapshot(project, workspace, tree.id(), List.of())).status())
                .isEqualTo(201);
        return id;
    }

    /** Runs both at the same moment (as near as two threads get) and returns their replies in order. */
    @SafeVarargs
    private static List<Reply> race(ExecutorService pool, java.util.function.Supplier<Reply>... calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        for (var call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.get();
            }));
        }
        go.countDown();
        List<Reply> out = new ArrayList<>();
        for (Future<Reply> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private static Obj random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new Obj(Hashing.sha256(b), b);
    }

}
