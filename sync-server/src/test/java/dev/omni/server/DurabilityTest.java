package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
import dev.omni.server.cli.Main;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.WebLogin;
import dev.omni.testing.Wait;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server process killed (SIGKILL) in the middle of a batch upload: after a restart no partial
 * object is visible, the committed ones are intact, whole objects appended after the last commit
 * were re-verified and kept, and the retried batch succeeds. The server runs as a separate JVM,
 * started the way the launcher starts it.
 */
class DurabilityTest {
    static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    static final String PASSWORD = "durable password 7";
    @TempDir
    Path data;
    @TempDir
    Path logs;
    Process process;
    int run;

    Backend.TestStorage storage;

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (storage != null) {
            storage.close();
        }
    }

    /** Starts {@code omni-server serve} over {@code storage} in a new JVM and returns its port. */
    int startServer() throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        run++;
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0", "--host", "127.0.0.1"));
        cmd.addAll(Backend.cliArgs(storage.storage()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(logs.resolve("stdout-" + run + ".log").toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        process = pb.start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Path errLog = logs.resolve("stderr-" + run + ".log");
                Files.writeString(errLog, seen);
                Process p = process;
                Thread drain = new Thread(() -> {
                    try (OutputStream out = Files.newOutputStream(errLog, StandardOpenOption.APPEND)) {
                        p.getErrorStream().transferTo(out);
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the server did not start:\n" + seen);
    }

    String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(Backend.cliArgs(storage.storage()));
        return all.toArray(new String[0]);
    }

    /**
     * On disk, objects 17-20 were appended to the pack when the server died: the restart re-verifies
     * and keeps them. With S3 they were staged in memory: they are gone, and the retry stores them.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void killedDuringABatchUploadTheServerShowsNoPartialObjectAndAcceptsTheRetry(Backend backend) throws Exception {
        storage = backend.create(data);
        StringWriter sink = new StringWriter();
        assertThat(Main.run(new PrintWriter(sink), new PrintWriter(sink), new ByteArrayInputStream((PASSWORD + "\n")
                .getBytes(StandardCharsets.UTF_8)), args("user", "add", "ann@example.org", "--password-stdin")))
                .as(sink.toString()).isZero();
        int port = startServer();
        String base = "http://127.0.0.1:" + port;
        String deviceCode;
        String token;
        {
            ApiClient anon = new ApiClient(base, null);
            Map<String, Object> a = anon.form("/oauth/device_authorization", Map.of("client_id", "omni-cli")).json();
            deviceCode = (String) a.get("device_code");
            WebLogin web = new WebLogin(base);
            assertThat(web.signIn("ann@example.org", PASSWORD).status()).isEqualTo(303);
            assertThat(web.decide((String) a.get("user_code"), true).status()).isEqualTo(200);
            token = (String) anon.form("/oauth/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                    "device_code", deviceCode, "client_id", "omni-cli")).json().get("access_token");
        }
        ApiClient first = new ApiClient(base, token);
        String userId = (String) first.get("/v1/me").json().get("id");

        List<Obj> objects = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[256 * 1024];
            random.nextBytes(b);
            objects.add(new Obj(Hashing.sha256(b), b));
        }
        byte[] batch = Fixtures.batch(objects);
        int frame = 32 + 4 + 256 * 1024;
        int sent = 12 + 20 * frame + frame / 2; // header, 20 whole objects, half of the 21st

        Path packs = data.resolve("objects").resolve(userId).resolve("packs");
        long twentyWhole = 8 + 20L * (49 + 256 * 1024); // magic, then 20 entries of header and bytes
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/objects/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/vnd.omni.objects-batch\r\nContent-Length: " + batch.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(batch, 0, sent);
            out.flush();
            // The server commits a batch in groups of 4 MiB: objects 1-16 are committed, 17-20 are
            // verified and appended to the pack but not yet committed, and 21 is half read when the
            // server dies.
            Wait.until("objects 1-16 stored", Duration.ofSeconds(30),
                    () -> first.get("/v1/objects/" + objects.get(15).hex()).status() == 200);
            if (backend == Backend.SQLITE) {
                Wait.until("objects 17-20 appended to the pack", Duration.ofSeconds(30), () -> packBytes(packs) == twentyWhole);
            }
            assertThat(first.get("/v1/objects/" + objects.get(16).hex()).status())
                    .as("appended is not committed: object 17 is not visible yet").isEqualTo(404);
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        ApiClient api = new ApiClient("http://127.0.0.1:" + startServer(), token);
        // On disk the restart re-verified the pack's uncommitted tail: objects 17-20 are whole and
        // hash to their ids, so they are kept; nothing of the 21st ever reached the pack.
        int kept = backend == Backend.SQLITE ? 20 : 16;
        if (backend == Backend.SQLITE) {
            assertThat(packBytes(packs)).isEqualTo(twentyWhole);
        }
        for (int i = 0; i < objects.size(); i++) {
            Reply r = api.get("/v1/objects/" + objects.get(i).hex());
            if (i < kept) {
                assertThat(r.status()).as("object %d", i + 1).isEqualTo(200);
                assertThat(r.body()).isEqualTo(objects.get(i).bytes());
            } else {
                assertThat(r.status()).as("object %d", i + 1).isEqualTo(404);
            }
        }
        Reply retry = api.postBytes("/v1/objects/batch", "application/vnd.omni.objects-batch", batch);
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json()).containsEntry("stored", 40 - kept).containsEntry("existing", kept)
                .containsEntry("rejected", 0);
        List<String> all = objects.stream().map(Obj::hex).toList();
        assertThat((List<?>) api.postJson("/v1/objects/missing", Map.of("ids", all)).json().get("missing")).isEmpty();
        assertThat(api.get("/v1/objects/" + objects.get(20).hex()).body()).isEqualTo(objects.get(20).bytes());
        StringWriter verify = new StringWriter();
        assertThat(Main.run(new PrintWriter(verify), new PrintWriter(verify), new ByteArrayInputStream(new byte[0]),
                args("verify"))).as(verify.toString()).isZero();
        assertThat(verify.toString()).contains("ok: 40 objects").doesNotContain("note:");

        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<String> secrets = List.of(token, PASSWORD, deviceCode);
        if (backend == Backend.SQLITE) {
            SecretsAtRestTest.assertNoSecretIn(data, secrets);
        } else {
            SecretsAtRestTest.assertNoSecretInPostgres(storage.storage(), secrets);
        }
        SecretsAtRestTest.assertNoSecretInFiles(logs, secrets);
    }

    /** The bytes of all packs under {@code dir}. */
    private static long packBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
