package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.config.Config;
import dev.omni.core.testing.Fixtures;
import dev.omni.server.OmniServer;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.sync.daemon.Daemon;
import dev.omni.sync.daemon.DaemonLog;
import dev.omni.sync.daemon.DaemonTasks;
import dev.omni.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon: it snapshots an edit within seconds and pushes it; with the server down, its queue waits and drains. */
class DaemonEndToEndTest {
    @TempDir
    Path dir;
    TestServer server;
    TestUser ann;
    Cli omni;
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        server = TestServer.start();
        ann = server.createUser("ann@example.org", "correct horse battery staple");
        omni = new Cli(dir.resolve("home"));
        omni.vars.put("OMNI_CREDENTIALS", "file");
        omni.vars.put("OMNI_RETRY_SECONDS", "1");
        Cli.Background login = omni.background(dir, "login", "--server", server.baseUrl());
        server.approve(login.await("one-time code: ([A-Z]{4}-[A-Z]{4})", 20_000), ann);
        assertThat(login.join(20_000).code()).isZero();
        ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("a.txt"), "one\n");
        Files.createDirectories(ws.resolve("sub"));
        Files.writeString(ws.resolve("sub/b.txt"), "two\n");
        assertThat(omni.run(dir, "init", "-q", ws.toString()).code()).isZero();
        assertThat(omni.run(ws, "config", "set", "daemon.quiet_ms", "300").code()).isZero();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private JsonNode head() {
        return omni.run(ws, "show", "@", "--json").json();
    }

    private String serverHead(TestServer s, String token) {
        String wsId = omni.run(ws, "workspaces", "--json").json().get(0).get("id").asText();
        var r = s.client(token).get("/v1/workspaces/" + wsId);
        return r.status() == 200 ? (String) r.json().get("current_snapshot_id") : null;
    }

    @Test
    void theDaemonSnapshotsAnEditWithinSecondsPushesItAndDrainsItsQueueWhenTheServerReturns() throws Exception {
        String token = server.login(ann);
        // An agent's transcript of this workspace, where Claude Code keeps them: the daemon's scan imports it.
        Path claude = dir.resolve("claude");
        omni.vars.put("CLAUDE_CONFIG_DIR", claude.toString());
        Fixtures.copy(Fixtures.CLAUDE, claude.resolve("projects/" + ws.toRealPath().toString().replaceAll("[^A-Za-z0-9]", "-")
                + "/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), ws.toRealPath());
        Env env = new Env(omni.vars, ws, ws, Clock.systemUTC(), "tester");
        AtomicBoolean stop = new AtomicBoolean();
        Thread daemon;
        try (Omni home = Omni.open(env, null)) {
            daemon = new Thread(() -> {
                try {
                    DaemonLog log = new DaemonLog(home.home().logs(), Clock.systemUTC());
                    new Daemon(home, log, DaemonTasks.defaults(log)).run(stop);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "daemon");
            daemon.start();
            try {
                // The first pass pushes the initial snapshot.
                String initial = head().get("id").asText();
                Wait.until("the initial push", Duration.ofSeconds(20), () -> initial.equals(serverHead(server, token)));

                Files.writeString(ws.resolve("sub/b.txt"), "two, edited\n");
                // Within seconds: the wait's bound is the promise.
                Wait.until("a daemon snapshot", Duration.ofSeconds(10), () -> !head().get("id").asText().equals(initial));
                JsonNode snap = head();
                assertThat(snap.get("source").asText()).isEqualTo("daemon");
                Wait.until("the push of the daemon's snapshot", Duration.ofSeconds(20), () -> snap.get("id").asText().equals(serverHead(server, token)));
                Wait.until("the transcript's import", Duration.ofSeconds(20), () -> omni.run(ws, "conv", "list", "--json").json().size() == 1);

                // The server goes away; the daemon keeps snapshotting and queues the push.
                Path data = server.dataDir();
                int port = server.port();
                server.server().stop();
                Files.writeString(ws.resolve("a.txt"), "one, while offline\n");
                String fact = omni.run(ws, "memory", "add", "Remembered while offline", "--json").json().get("id").asText();
                Wait.until("a snapshot while offline", Duration.ofSeconds(10), () -> !head().get("id").asText().equals(snap.get("id").asText()));
                String offline = head().get("id").asText();
                Wait.until("the queue to show the unpushed workspace", Duration.ofSeconds(15), () -> {
                    JsonNode st = omni.run(ws, "daemon", "status", "--json").json();
                    return st.path("state").path("queue").path("workspaces_to_push").asLong() == 1
                            && st.path("state").hasNonNull("last_error");
                });
                OmniServer again = OmniServer.start(port, data, null, TestServer.testOptions());
                try {
                    Wait.until("the queue to drain", Duration.ofSeconds(60), () -> {
                        var r = new dev.omni.server.testing.ApiClient(again.baseUrl(), token).get("/v1/workspaces/"
                                + omni.run(ws, "workspaces", "--json").json().get(0).get("id").asText());
                        return r.status() == 200 && offline.equals(r.json().get("current_snapshot_id"));
                    });
                    Wait.until("the queued changes to drain", Duration.ofSeconds(60), () ->
                            omni.run(ws, "daemon", "status", "--json").json().path("queue").path("changes_to_push").asLong() == 0);
                    String changes = new dev.omni.server.testing.ApiClient(again.baseUrl(), token).get("/v1/changes?limit=1000").text();
                    assertThat(changes).contains(fact, "Remembered while offline", "6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10");
                } finally {
                    again.stop();
                }
                JsonNode st = omni.run(ws, "daemon", "status", "--json").json();
                assertThat(st.get("running").asBoolean()).isTrue();
                assertThat(omni.run(ws, "daemon", "logs").out()).contains("watching workspace", "snapshot", "pushed", "conversations: 9 new");
            } finally {
                stop.set(true);
                daemon.join(20_000);
            }
        }
        assertThat(omni.run(ws, "daemon", "status").code()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void startStatusStopAndInstallAsRealProcesses() throws Exception {
        Path launcher = dir.resolve("omni-launcher");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' --add-opens=java.base/sun.nio.fs=ALL-UNNAMED -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " \"$@\"\n");
        launcher.toFile().setExecutable(true);
        omni.vars.put("OMNI_LAUNCHER", launcher.toString());
        omni.vars.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        Cli.Result start = omni.run(ws, "daemon", "start");
        assertThat(start.code()).as(start.out() + start.err()).isZero();
        try {
            assertThat(start.out()).contains("Daemon started (pid");
            assertThat(omni.run(ws, "daemon", "start").code()).isEqualTo(ExitCodes.CONFLICT);
            Cli.Result st = omni.run(ws, "daemon", "status");
            assertThat(st.code()).isZero();
            assertThat(st.out()).contains("The daemon is running");
        } finally {
            Cli.Result stop = omni.run(ws, "daemon", "stop");
            assertThat(stop.out()).contains("Daemon stopped.");
        }
        assertThat(omni.run(ws, "daemon", "status").out()).contains("not running");
        Cli.Result install = omni.run(ws, "daemon", "install");
        assertThat(install.code()).isZero();
        String unit = Files.readString(dir.resolve("xdg/systemd/user/omni-daemon.service"));
        assertThat(unit).contains("ExecStart=" + launcher + " --home " + dir.resolve("home") + " daemon run", "Restart=on-failure");
        assertThat(Config.Key.of("daemon.quiet_ms").defaultValue()).isEqualTo("2000");
    }
}
