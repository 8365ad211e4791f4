package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.testing.Fixtures;
import dev.omni.server.OmniServer;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.testing.FileTrees;
import dev.omni.testing.TestClock;
import dev.omni.testing.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two omni homes standing for two machines and a real omni server on 127.0.0.1: log in through
 * the device flow, push, clone, edit on both sides, drift, merge, push again.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class SyncEndToEndTest {
    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    TestServer server;
    TestUser ann;
    Cli laptop;
    Cli desktop;

    @BeforeEach
    void setUp() {
        server = TestServer.start(backend);
        ann = server.createUser("ann@example.org", "correct horse battery staple");
        laptop = machine("laptop");
        desktop = machine("desktop");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Cli machine(String name) {
        Cli c = new Cli(dir.resolve(name + "-home"));
        c.vars.put("OMNI_CREDENTIALS", "file");
        c.vars.put("OMNI_RETRY_SECONDS", "20");
        c.vars.put("HOSTNAME", name);
        return c;
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return r;
    }

    /** Runs `omni login`, reads the code it shows, approves it as Ann on the server. */
    private void login(Cli machine) throws Exception {
        login(machine, server, ann);
    }

    private void login(Cli machine, TestServer on, TestUser as) throws Exception {
        Cli.Background login = machine.background(dir, "login", "--server", on.baseUrl());
        String code = login.await("one-time code: ([B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4})", 20_000);
        on.approve(code, as);
        Cli.Result r = login.join(20_000);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Logged in as ann@example.org on " + on.baseUrl());
    }

    @Test
    void aServerLoggedInToLaterGetsWhatTheFirstOneAcknowledged() throws Exception {
        login(laptop);
        Path a = dir.resolve("a");
        Files.createDirectories(a);
        Files.writeString(a.resolve("README"), "app\n");
        ok(laptop.run(dir, "init", "-q", "--name", "app", a.toString()));
        String fact = ok(laptop.run(a, "memory", "add", "Deploys go through the staging box", "--json")).json().get("id").asText();
        Path claude = Fixtures.copy(Fixtures.CLAUDE, dir.resolve("t/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), a.toRealPath());
        ok(laptop.run(a, "conv", "import", claude.toString()));
        ok(laptop.run(a, "sync"));
        assertThat(laptop.run(a, "daemon", "status", "--json").json().path("queue").path("changes_to_push").asLong())
                .as("the first server acknowledged everything").isZero();

        try (TestServer second = TestServer.start(backend)) {
            TestUser ann2 = second.createUser("ann@example.org", "correct horse battery staple");
            login(laptop, second, ann2);
            Cli.Result moved = ok(laptop.run(a, "sync", "--json"));
            assertThat(moved.err()).contains("queued for it again");
            assertThat(moved.json().get("changes").get("sent").asLong()).isPositive();
            // A second sync to the same server sends nothing again.
            assertThat(ok(laptop.run(a, "sync", "--json")).json().get("changes").get("sent").asLong()).isZero();

            login(desktop, second, ann2);
            Path b = dir.resolve("b");
            ok(desktop.run(dir, "clone", "app", b.toString()));
            ok(desktop.run(b, "sync"));
            assertThat(ok(desktop.run(b, "memory", "show", fact, "--json")).json().get("content").asText())
                    .isEqualTo("Deploys go through the staging box");
            assertThat(ok(desktop.run(b, "conv", "show", "6f1c2a1e", "--json")).json().path("messages")).hasSize(9);
        }
    }

    @Test
    void loginShowsTheCodeAndTheUrlAndStoresTheTokenOutsideTheDatabase() throws Exception {
        login(laptop);
        JsonNode st = ok(laptop.run(dir, "auth", "status", "--json")).json();
        assertThat(st.get("logged_in").asBoolean()).isTrue();
        assertThat(st.get("email").asText()).isEqualTo("ann@example.org");
        assertThat(st.get("token_store").asText()).isEqualTo("file");
        Path credentials = Path.of(st.get("token_location").asText());
        assertThat(Files.getPosixFilePermissions(credentials)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String token = dev.omni.core.util.Json.mapper().readTree(Files.readAllBytes(credentials)).get(server.baseUrl()).asText();
        assertThat(token).startsWith("omni_");
        for (Path p : List.of(dir.resolve("laptop-home/omni.db"), dir.resolve("laptop-home/omni.db-wal"))) {
            if (Files.exists(p)) {
                assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
            }
        }
        ok(laptop.run(dir, "logout"));
        assertThat(laptop.run(dir, "auth", "status").code()).isEqualTo(ExitCodes.AUTH);
        // The token is revoked on the server too.
        assertThat(server.client(token).get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aDeniedLoginStopsWithAClearMessage() throws Exception {
        Cli.Background login = laptop.background(dir, "login", "--server", server.baseUrl());
        String code = login.await("one-time code: ([A-Z]{4}-[A-Z]{4})", 20_000);
        server.deny(code, ann);
        Cli.Result r = login.join(20_000);
        assertThat(r.code()).isEqualTo(ExitCodes.AUTH);
        assertThat(r.err()).contains("denied");
    }

    @Test
    void pushCloneEditBothSidesDriftMergeAndPushAgain() throws Exception {
        login(laptop);
        login(desktop);
        Path a = dir.resolve("a");
        FileTrees.edgeCases(a, 3_000_000);
        Files.delete(a.resolve("absolute-link"));
        ok(laptop.run(dir, "init", "-q", "--name", "app", a.toString()));
        JsonNode push = ok(laptop.run(a, "push", "--json")).json();
        assertThat(push.get("objects_sent").asLong()).isPositive();
        assertThat(ok(laptop.run(a, "push", "--json")).json().get("objects_sent").asLong()).isZero();

        Path b = dir.resolve("b");
        JsonNode clone = ok(desktop.run(dir, "clone", "app", b.toString(), "--json")).json();
        assertThat(clone.get("workspace").get("name").asText()).isEqualTo("desktop");
        FileTrees.assertSameTree(a, b, FileTrees.skipForEdgeCases());

        Files.writeString(b.resolve("plain.txt"), "hello\nworld, from the desktop\n");
        Files.writeString(b.resolve("desktop.txt"), "new on the desktop\n");
        ok(desktop.run(b, "snapshot", "-q"));
        JsonNode incremental = ok(desktop.run(b, "push", "--json")).json();
        assertThat(incremental.get("objects_sent").asLong()).as("two files and the root tree").isEqualTo(3);
        assertThat(incremental.get("objects_skipped").asLong()).as("unchanged files are not even asked about").isZero();
        Files.writeString(a.resolve("exec.sh"), "#!/bin/sh\necho laptop\n");
        ok(laptop.run(a, "snapshot", "-q"));

        JsonNode pull = ok(laptop.run(a, "pull", "--json")).json();
        assertThat(pull.get("snapshots_received").asLong()).isPositive();
        Cli.Result drift = laptop.run(a, "drift", "desktop", "--json");
        assertThat(drift.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(strings(drift.json().get("other_only"))).containsExactly("desktop.txt", "plain.txt");
        assertThat(strings(drift.json().get("workspace_only"))).containsExactly("exec.sh");

        ok(laptop.run(a, "merge", "desktop"));
        assertThat(a.resolve("desktop.txt")).hasContent("new on the desktop\n");
        assertThat(a.resolve("exec.sh")).hasContent("#!/bin/sh\necho laptop\n");
        ok(laptop.run(a, "push"));

        ok(desktop.run(b, "pull"));
        ok(desktop.run(b, "merge", "main"));
        FileTrees.assertSameTree(a, b, FileTrees.skipForEdgeCases());
        ok(laptop.run(a, "fsck"));
        ok(desktop.run(b, "fsck"));
    }

    @Test
    void aHeadMovedElsewhereIsNeverOverwritten() throws Exception {
        login(laptop);
        login(desktop);
        Path a = dir.resolve("a");
        Files.createDirectories(a);
        Files.writeString(a.resolve("f.txt"), "one\n");
        ok(laptop.run(dir, "init", "-q", "--name", "app", a.toString()));
        ok(laptop.run(a, "push"));
        Path b = dir.resolve("b");
        ok(desktop.run(dir, "clone", "app", b.toString()));
        // Both machines now push the same workspace: the desktop copies the laptop's .omni identity.
        Path b2 = dir.resolve("b2");
        ok(desktop.run(b, "workspace", "create", "copy", "--path", b2.toString()));
        // Simulate the laptop's workspace moving on the server from somewhere else.
        String token = server.login(ann);
        JsonNode ws = laptop.run(a, "workspaces", "--json").json().get(0);
        String otherSnap = desktop.run(b, "show", "@", "--json").json().get("id").asText();
        Files.writeString(b.resolve("f.txt"), "desktop\n");
        ok(desktop.run(b, "snapshot", "-q"));
        ok(desktop.run(b, "push"));
        String desktopHead = desktop.run(b, "show", "@", "--json").json().get("id").asText();
        var moved = server.client(token).postJson("/v1/workspaces/" + ws.get("id").asText() + "/head",
                java.util.Map.of("snapshot_id", desktopHead, "expected_version", 1));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);

        Files.writeString(a.resolve("f.txt"), "laptop\n");
        ok(laptop.run(a, "snapshot", "-q"));
        Cli.Result push = laptop.run(a, "push");
        assertThat(push.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(push.err()).contains("moved on the server", "omni pull", "nothing was overwritten");
        assertThat(otherSnap).isNotBlank();
    }

    @Test
    void aPushSurvivesTheServerGoingAwayInTheMiddle() throws Exception {
        login(laptop);
        Path a = dir.resolve("a");
        FileTrees.edgeCases(a, 0);
        for (int i = 0; i < 400; i++) {
            FileTrees.writeRandom(a.resolve("many/f" + i + ".bin"), 20_000 + i, i + 1);
        }
        for (int i = 0; i < 3; i++) {
            FileTrees.writeRandom(a.resolve("big" + i + ".bin"), 12L << 20, 100 + i);
        }
        Files.delete(a.resolve("absolute-link"));
        ok(laptop.run(dir, "init", "-q", "--name", "app", a.toString()));
        int port = server.port();
        OmniServer running = server.server();
        Cli.Background push = laptop.background(a, "push", "--json");
        // Let it upload some objects, then take the server away until the push has found it gone.
        Wait.until("the push to store a megabyte", Duration.ofSeconds(20), () -> storedBytes() >= (1 << 20));
        assertThat(push.thread.isAlive()).as("the push is still uploading when the server goes").isTrue();
        running.stop();
        try (ServerSocket gone = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            // The port answers, but nothing serves it: the push's next request fails and is retried.
            gone.setSoTimeout(20_000);
            gone.accept().close();
        }
        assertThat(push.thread.isAlive()).as("the push waits for the server").isTrue();
        OmniServer again = OmniServer.start(port, server.storage(), null, TestServer.testOptions());
        try {
            Cli.Result r = push.join(60_000);
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            ok(laptop.run(a, "fsck"));
            // Nothing twice: a second push sends nothing, and a fresh machine gets the same tree.
            assertThat(ok(laptop.run(a, "push", "--json")).json().get("objects_sent").asLong()).isZero();
            Cli fresh = machine("fresh");
            fresh.vars.put("OMNI_SERVER", server.baseUrl());
            Cli.Background login = fresh.background(dir, "login");
            String code = login.await("one-time code: ([A-Z]{4}-[A-Z]{4})", 20_000);
            assertThat(again.deviceFlow().decide(dev.omni.server.auth.UserCodes.normalise(code), ann.id(), true)).isTrue();
            assertThat(login.join(20_000).code()).isZero();
            Path b = dir.resolve("b");
            ok(fresh.run(dir, "clone", "app", b.toString()));
            FileTrees.assertSameTree(a, b, FileTrees.skipForEdgeCases());
            ok(fresh.run(b, "fsck"));
        } finally {
            again.stop();
        }
    }

    /** Bytes the server holds in object files (packs) or its bucket, committed or on their way. */
    private long storedBytes() {
        if (server.storage().objects() != null) {
            String bucket = server.storage().objects().bucket();
            return S3Server.shared().client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .mapToLong(o -> o.size()).sum();
        }
        Path objects = server.dataDir().resolve("objects");
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (var s = Files.walk(objects)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file that vanished while walked: look again
        }
    }

    @Test
    void memoryConversationsAndActivitySyncBothWaysAndConcurrentEditsResolveLastWriterWins() throws Exception {
        login(laptop);
        login(desktop);
        Path a = dir.resolve("a");
        Files.createDirectories(a);
        Files.writeString(a.resolve("README"), "app\n");
        ok(laptop.run(dir, "init", "-q", "--name", "app", a.toString()));
        ok(laptop.run(a, "push"));
        Path b = dir.resolve("b");
        ok(desktop.run(dir, "clone", "app", b.toString()));

        // The laptop remembers, decides and imports two conversations, one with a message too big to travel inline.
        String fact = ok(laptop.run(a, "memory", "add", "The API listens on 8080", "--tag", "api", "--json")).json().get("id").asText();
        ok(laptop.run(a, "decide", "Use SQLite for the store", "--why", "offline, one file"));
        Path claude = Fixtures.copy(Fixtures.CLAUDE, dir.resolve("t/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), a.toRealPath());
        ok(laptop.run(a, "conv", "import", claude.toString()));
        String huge = "zebracorn " + "x".repeat(700_000);
        Path big = dir.resolve("t/big.json");
        Files.writeString(big, dev.omni.core.util.Json.write(java.util.Map.of("title", "A long tool output", "messages", List.of(
                java.util.Map.of("role", "user", "content", "show me the log", "created_at", "2026-11-18T08:00:00Z"),
                java.util.Map.of("role", "tool", "content", huge, "created_at", "2026-11-18T08:00:01Z")))));
        ok(laptop.run(a, "conv", "import", "--workspace", "app/main", big.toString()));

        JsonNode sent = ok(laptop.run(a, "sync", "--json")).json().get("changes");
        assertThat(sent.get("sent").asLong()).isGreaterThanOrEqualTo(2 + 2 + 9 + 2);
        assertThat(laptop.run(a, "daemon", "status", "--json").json().path("queue").path("changes_to_push").asLong()).isZero();

        JsonNode got = ok(desktop.run(b, "sync", "--json")).json().get("changes");
        // Everything the laptop sent is new here: its activity, memory, conversations and messages.
        assertThat(got.get("applied").asLong()).isEqualTo(sent.get("sent").asLong());
        assertThat(got.get("rejected").asLong()).isZero();
        assertThat(ok(desktop.run(b, "memory", "show", fact, "--json")).json().get("content").asText()).isEqualTo("The API listens on 8080");
        assertThat(ok(desktop.run(b, "search", "heartbeat", "--json")).out()).contains("heartbeat");
        JsonNode shown = ok(desktop.run(b, "conv", "show", "6f1c2a1e", "--json")).json();
        assertThat(shown.path("messages")).hasSize(9);
        assertThat(ok(desktop.run(b, "conv", "search", "zebracorn", "--json")).json()).hasSize(1);
        String bigId = ok(desktop.run(b, "conv", "list", "--json")).json().findValues("id").stream().map(JsonNode::asText)
                .filter(id -> !id.equals(shown.path("conversation").path("id").asText())).findFirst().orElseThrow();
        JsonNode bigShown = ok(desktop.run(b, "conv", "show", bigId, "--json")).json();
        assertThat(bigShown.path("messages").get(1).path("content").asText()).isEqualTo(huge);
        assertThat(ok(desktop.run(b, "activity", "--json")).out()).contains("project.created");

        // And the other way.
        String desk = ok(desktop.run(b, "memory", "add", "Deploys go through the desktop", "--json")).json().get("id").asText();
        ok(desktop.run(b, "sync"));
        ok(laptop.run(a, "sync"));
        assertThat(ok(laptop.run(a, "memory", "show", desk, "--json")).json().get("content").asText())
                .isEqualTo("Deploys go through the desktop");

        // Both edit the same item before they sync: the later edit wins everywhere; the other stays in the history.
        // The two edits happen a second apart on one clock, so which is later does not depend on the machine's speed.
        TestClock clock = new TestClock(Instant.now().plus(Duration.ofMinutes(1)));
        laptop.clock = clock;
        desktop.clock = clock;
        ok(laptop.run(a, "memory", "edit", fact, "--text", "The API listens on 8081"));
        clock.advance(Duration.ofSeconds(1));
        ok(desktop.run(b, "memory", "edit", fact, "--text", "The API listens on 9090"));
        laptop.clock = Clock.systemUTC();
        desktop.clock = Clock.systemUTC();
        ok(laptop.run(a, "sync"));
        JsonNode deskSync = ok(desktop.run(b, "sync", "--json")).json().get("changes");
        assertThat(deskSync.get("superseded").asLong()).isEqualTo(1);
        ok(laptop.run(a, "sync"));
        for (Cli m : List.of(laptop, desktop)) {
            JsonNode item = ok(m.run(m == laptop ? a : b, "memory", "show", fact, "--history", "--json")).json();
            assertThat(item.get("content").asText()).isEqualTo("The API listens on 9090");
            assertThat(item.get("history").findValues("data").stream().map(d -> d.path("content").asText()))
                    .contains("The API listens on 8080", "The API listens on 8081", "The API listens on 9090");
        }

        // Syncing again changes nothing, and nothing was applied twice.
        JsonNode again = ok(desktop.run(b, "sync", "--json")).json().get("changes");
        assertThat(again.get("applied").asLong()).isZero();
        assertThat(ok(desktop.run(b, "conv", "show", "6f1c2a1e", "--json")).json().path("messages")).hasSize(9);

        // A removal travels too.
        ok(laptop.run(a, "conv", "rm", "6f1c2a1e"));
        ok(laptop.run(a, "sync"));
        ok(desktop.run(b, "sync"));
        assertThat(desktop.run(b, "conv", "search", "heartbeat", "--mode", "text").out()).contains("No message matches");
        ok(laptop.run(a, "fsck"));
        ok(desktop.run(b, "fsck"));
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
