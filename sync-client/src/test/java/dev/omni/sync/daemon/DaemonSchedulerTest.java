package dev.omni.sync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.home.OmniHome;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.testing.TestHome;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.server.OmniServer;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.sync.auth.AuthService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a scheduler: each pass runs what is due on the home's clock, which the test moves.
 * It pushes what the sync plan says, waits its interval, backs off while the server is down, and
 * drains its queue once the server is back; no pass waits for real time.
 */
class DaemonSchedulerTest {
    @TempDir
    Path dir;
    TestServer server;
    TestUser ann;
    TestHome t;
    Omni omni;
    Workspace ws;
    Daemon daemon;
    WorkspaceWatcher watcher;
    OmniServer restarted;
    String token;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        ann = server.createUser("ann@example.org", "correct horse");
        t = new TestHome(dir);
        omni = Omni.at(t.env().withVar("OMNI_CREDENTIALS", "file").withVar("OMNI_RETRY_SECONDS", "0"), OmniHome.at(t.home));
        new AuthService(omni).login(URI.create(server.baseUrl()), code -> server.approve(code.userCode(), ann), d -> { },
                Warnings.IGNORE);
        Path root = t.work.resolve("app");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.txt"), "one\n");
        String id = new WorkspaceLifecycle(omni).init(root, "app", null, "test", SnapshotService.Options.of("first", "test"),
                Warnings.IGNORE, Progress.NONE).workspace().id();
        ws = new WorkspaceService(omni).find(id).orElseThrow();
        DaemonLog log = new DaemonLog(omni.home().logs(), t.clock);
        daemon = new Daemon(omni, log, DaemonTasks.defaults(log));
        watcher = new WorkspaceWatcher();
    }

    @AfterEach
    void stop() throws Exception {
        watcher.close();
        omni.close();
        if (restarted != null) {
            restarted.stop();
        }
        server.close();
    }

    private String serverHead() {
        if (token == null) {
            token = server.login(ann);
        }
        // The same address before and after the restart.
        var r = new ApiClient(server.baseUrl(), token).get("/v1/workspaces/" + ws.id());
        return r.status() == 200 ? (String) r.json().get("current_snapshot_id") : null;
    }

    private String localHead() {
        return new WorkspaceService(omni).find(ws.id()).orElseThrow().currentSnapshot().value();
    }

    private void edit(String content) throws Exception {
        Files.writeString(ws.localPath().resolve("a.txt"), content);
        new SnapshotService(omni).take(new WorkspaceService(omni).find(ws.id()).orElseThrow(),
                SnapshotService.Options.of("edit", "test"), Warnings.IGNORE, Progress.NONE);
    }

    @Test
    void pushesWhatThePlanSaysBacksOffWhileTheServerIsDownAndDrainsWhenItReturns() throws Exception {
        Instant t0 = t.clock.instant();
        daemon.pass(watcher);
        assertThat(serverHead()).as("the first pass pushes").isEqualTo(localHead());
        assertThat(daemon.status().lastPushAt()).isEqualTo(t0);
        assertThat(daemon.status().queue()).isEqualTo(new DaemonStatus.Queue(0, 0));
        assertThat(daemon.nextRun(Daemon.PUSH)).isEqualTo(t0.plus(Daemon.PUSH_EVERY));

        int port = server.port();
        server.server().stop();
        edit("two\n");
        t.clock.advance(Duration.ofSeconds(10));
        daemon.pass(watcher);
        assertThat(daemon.status().lastError()).as("not due yet: nothing tried").isNull();

        t.clock.advance(Duration.ofSeconds(21));
        Instant failedAt = t.clock.instant();
        daemon.pass(watcher);
        DaemonStatus down = daemon.status();
        assertThat(down.lastError()).contains("cannot reach the server");
        assertThat(down.lastErrorAt()).isEqualTo(failedAt);
        assertThat(down.queue().workspacesToPush()).isEqualTo(1);
        assertThat(down.nextRetryAt()).isBetween(failedAt.plusMillis(500), failedAt.plusMillis(1000));

        t.clock.set(down.nextRetryAt().minusMillis(1));
        daemon.pass(watcher);
        assertThat(daemon.status().lastErrorAt()).as("the retry waits its turn").isEqualTo(failedAt);

        restarted = OmniServer.start(port, server.dataDir(), null, TestServer.testOptions());
        t.clock.set(down.nextRetryAt());
        daemon.pass(watcher);
        assertThat(serverHead()).isEqualTo(localHead());
        DaemonStatus up = daemon.status();
        assertThat(up.lastPushAt()).isEqualTo(down.nextRetryAt());
        assertThat(up.nextRetryAt()).isNull();
        t.clock.advance(Daemon.STATUS_EVERY);
        daemon.pass(watcher);
        assertThat(daemon.status().queue()).as("the queue, as of the next status").isEqualTo(new DaemonStatus.Queue(0, 0));
        assertThat(new DaemonControl(omni).status()).as("written for the CLI and the desktop").hasValueSatisfying(s ->
                assertThat(s.lastPushAt()).isEqualTo(up.lastPushAt()));
    }

    @Test
    void aFailedPushWaitsLongerEachTimeUpToFiveMinutes() throws Exception {
        daemon.pass(watcher);
        server.server().stop();
        edit("two\n");
        Duration previous = Duration.ZERO;
        for (int i = 0; i < 12; i++) {
            t.clock.set(daemon.nextRun(Daemon.PUSH));
            Instant now = t.clock.instant();
            daemon.pass(watcher);
            Duration wait = Duration.between(now, daemon.nextRun(Daemon.PUSH));
            assertThat(wait).isLessThanOrEqualTo(Daemon.MAX_BACKOFF);
            if (i > 0 && i < 8) {
                assertThat(wait).as("retry %d waits longer than half the one before", i).isGreaterThan(previous.dividedBy(2));
            }
            previous = wait;
        }
        assertThat(previous).as("after a dozen failures the wait is near the cap").isGreaterThanOrEqualTo(Daemon.MAX_BACKOFF.dividedBy(2));
        assertThat(daemon.status().lastError()).isNotNull();
        assertThat(List.of(daemon.status().queue().workspacesToPush())).containsExactly(1L);
    }
}
