package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.server.OmniServer;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two omni homes standing for two machines and a real omni server on 127.0.0.1: log in through
 * the device flow, push, clone, edit on both sides, drift, merge, push again.
 */
class SyncEndToEndTest {
    @TempDir
    Path dir;
    TestServer server;
    TestUser ann;
    Cli laptop;
    Cli desktop;

    @BeforeEach
    void setUp() {
        server = TestServer.start();
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
        Cli.Background login = machine.background(dir, "login", "--server", server.baseUrl());
        String code = login.await("one-time code: ([B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4})", 20_000);
        server.approve(code, ann);
        Cli.Result r = login.join(20_000);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Logged in as ann@example.org on " + server.baseUrl());
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
        ok(desktop.run(b, "push"));
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
        Path data = server.dataDir();
        int port = server.port();
        OmniServer running = server.server();
        Cli.Background push = laptop.background(a, "push", "--json");
        // Let it upload some objects, then take the server away for a few seconds.
        long deadline = System.currentTimeMillis() + 20_000;
        while (storedBytes(data) < (1 << 20) && System.currentTimeMillis() < deadline && push.thread.isAlive()) {
            Thread.sleep(10);
        }
        running.stop();
        Thread.sleep(3000);
        OmniServer again = OmniServer.start(port, data, null, TestServer.testOptions());
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

    /** Bytes the server holds in object files (packs), committed or on their way. */
    private static long storedBytes(Path data) throws Exception {
        Path objects = data.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (var s = Files.walk(objects)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
