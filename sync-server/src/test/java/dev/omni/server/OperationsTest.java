package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
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
import dev.omni.testing.Wait;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Health, readiness, Prometheus metrics and graceful shutdown. */
class OperationsTest {
    static final String BATCH = "application/vnd.omni.objects-batch";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void metricsCountRequestsPerRouteAndStatusBytesObjectsAndThePool(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            TestUser ann = server.createUser("ann@example.org", "correct horse battery");
            ApiClient api = server.client(server.login(ann));
            assertThat(api.get("/v1/me").status()).isEqualTo(200);
            assertThat(api.get("/v1/projects/01M80000000000000000000000").status()).isEqualTo(404);
            Obj a = Fixtures.blob("metrics a");
            Obj b = Fixtures.blob("metrics b");
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(a, b))).status()).isEqualTo(200);

            Reply health = server.client(null).get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            Reply ready = server.client(null).get("/readyz");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json()).containsEntry("status", "ready").containsEntry("database", "ok")
                    .containsEntry("objects", "ok");

            Reply metrics = server.client(null).get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            String text = metrics.text();
            assertThat(text)
                    .contains("omni_http_requests_seconds_count{method=\"GET\",route=\"/v1/me\",status=\"200\"} 1")
                    .contains("omni_http_requests_seconds_count{method=\"GET\",route=\"/v1/projects/{id}\",status=\"404\"} 1")
                    .contains("omni_http_requests_seconds_bucket{method=\"GET\",route=\"/v1/me\",status=\"200\",le=\"0.1\"}")
                    .containsPattern("omni_http_received_bytes_total\\{route=\"/v1/objects/batch\"} [1-9]")
                    .contains("omni_objects_stored_total 2.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("omni_http_threads_busy");
            if (backend == Backend.POSTGRES) {
                assertThat(text).contains("hikaricp_connections_active{pool=\"omni-postgresql\"}");
            }
            assertThat(text).as("ids never become labels").doesNotContain(a.hex()).doesNotContain(ann.id());
        }
    }

    @Test
    void readyzAnswers503WhenTheDatabaseOrTheBucketIsGone() {
        try (TestServer server = TestServer.start(Backend.POSTGRES)) {
            assertThat(server.client(null).get("/readyz").status()).isEqualTo(200);
            S3Server.shared().client().deleteBucket(b -> b.bucket(server.storage().objects().bucket()));
            Reply noBucket = server.client(null).get("/readyz");
            assertThat(noBucket.status()).isEqualTo(503);
            assertThat(noBucket.json()).containsEntry("status", "unavailable").containsEntry("database", "ok");
            assertThat((String) noBucket.json().get("objects")).contains("object store");

            String url = server.storage().database().jdbcUrl();
            PostgresCluster.shared().dropDatabase(url.substring(url.lastIndexOf('/') + 1));
            Reply noDatabase = server.client(null).get("/readyz");
            assertThat(noDatabase.status()).isEqualTo(503);
            assertThat((String) noDatabase.json().get("database")).isNotEqualTo("ok")
                    .doesNotContain(PostgresCluster.shared().password());
            assertThat(server.client(null).get("/healthz").status()).as("alive all the same").isEqualTo(200);
        }
    }

    @Test
    void sigtermStopsAcceptingFinishesTheRequestInFlightAndExits(@TempDir Path data, @TempDir Path logs) throws Exception {
        StringWriter sink = new StringWriter();
        assertThat(Main.run(new PrintWriter(sink), new PrintWriter(sink), new ByteArrayInputStream(
                "correct horse battery\n".getBytes(StandardCharsets.UTF_8)), "user", "add", "ann@example.org",
                "--password-stdin", "--data", data.toString())).as(sink.toString()).isZero();
        List<Obj> objects = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] b = new byte[64 * 1024];
            new Random(i).nextBytes(b);
            objects.add(new Obj(Hashing.sha256(b), b));
        }
        ServerProcess server = ServerProcess.start(List.of("--data", data.toString()), Map.of(), logs, "graceful");
        try {
            String token = login(server.baseUrl());
            byte[] batch = Fixtures.batch(objects);
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/objects/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: " + BATCH + "\r\nContent-Length: " + batch.length + "\r\nConnection: close"
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(batch, 0, batch.length / 2);
                out.flush();
                server.process().destroy(); // SIGTERM
                Wait.until("the server to stop accepting connections", Duration.ofSeconds(30),
                        () -> refused(server.port()));
                assertThat(server.process().isAlive()).as("still finishing the request in flight").isTrue();
                out.write(batch, batch.length / 2, batch.length - batch.length / 2);
                out.flush();
                String reply = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
                assertThat(reply).startsWith("HTTP/1.1 200").contains("\"stored\":8");
            }
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).as("then it exits").isTrue();
        } finally {
            server.close();
        }
        try (TestServer again = TestServer.start(data, TestServer.testOptions())) {
            TestUser ann = new TestUser(again.server().accounts().list().get(0).id(), "ann@example.org",
                    "correct horse battery");
            assertThat(again.client(again.login(ann)).postJson("/v1/objects/missing", Map.of("ids",
                    objects.stream().map(Obj::hex).toList())).json().get("missing")).as("the answer was true").isEqualTo(List.of());
            StringWriter v = new StringWriter();
            assertThat(Main.run(new PrintWriter(v), new PrintWriter(v), new ByteArrayInputStream(new byte[0]), "verify",
                    "--data", data.toString())).isZero();
        }
    }

    private static String login(String base) {
        ApiClient anon = new ApiClient(base, null);
        Map<String, Object> a = anon.form("/oauth/device_authorization", Map.of("client_id", "omni-cli")).json();
        dev.omni.server.testing.WebLogin web = new dev.omni.server.testing.WebLogin(base);
        assertThat(web.signIn("ann@example.org", "correct horse battery").status()).isEqualTo(303);
        assertThat(web.decide((String) a.get("user_code"), true).status()).isEqualTo(200);
        return (String) anon.form("/oauth/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", (String) a.get("device_code"), "client_id", "omni-cli")).json().get("access_token");
    }

    private static boolean refused(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
