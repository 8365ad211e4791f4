package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.sync.daemon.Daemon;
import dev.omni.sync.daemon.DaemonLog;
import dev.omni.sync.daemon.DaemonTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import dev.omni.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon embeds new memory items and messages in the background, on a low-priority thread. */
class DaemonIndexTest {
    @TempDir
    Path dir;

    @Test
    void theDaemonEmbedsNewMemoryInTheBackgroundAtLowPriority() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Cli omni = new Cli(dir.resolve("home"));
        assertThat(omni.run(dir, "config", "set", "daemon.index_seconds", "1").code()).isZero();
        for (String s : new String[] {"Push retries use exponential backoff with jitter, capped at 5 minutes.",
            "The API listens on port 8080 behind the nginx reverse proxy.", "Always ship the dark theme as the default colour scheme."}) {
            assertThat(omni.run(dir, "memory", "add", "--global", s).code()).isZero();
        }
        Env env = new Env(omni.vars, ws, ws, Clock.systemUTC(), "tester");
        AtomicBoolean stop = new AtomicBoolean();
        try (Omni home = Omni.open(env, null)) {
            Thread daemon = new Thread(() -> {
                try {
                    DaemonLog log = new DaemonLog(home.home().logs(), Clock.systemUTC());
                    new Daemon(home, log, DaemonTasks.defaults(log)).run(stop);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "daemon");
            daemon.start();
            try {
                Wait.until("the first items indexed", Duration.ofSeconds(60), () -> indexed(omni) == 3);
                // Something new arrives while the daemon runs: it follows.
                assertThat(omni.run(dir, "memory", "add", "--global", "Snapshots are stored as zstd-compressed packs.").code()).isZero();
                Wait.until("the new item indexed", Duration.ofSeconds(60), () -> indexed(omni) == 4);
                JsonNode hits = omni.run(dir, "memory", "search", "--all", "how do we keep the daemon from hammering the server?",
                        "--json").json();
                assertThat(hits.findValuesAsText("content")).contains("Push retries use exponential backoff with jitter, capped at 5 minutes.");
                assertThat(hits.get(0).has("semantic_score")).isTrue();
                String logs = omni.run(dir, "daemon", "logs").out();
                assertThat(logs).contains("semantic index: 3 memory items and 0 messages embedded");
                if (Files.exists(Path.of("/proc/thread-self")) && Files.isExecutable(Path.of("/usr/bin/renice"))) {
                    assertThat(logs).contains("semantic indexing thread at nice 19");
                }
            } finally {
                stop.set(true);
                daemon.join(60_000);
            }
            assertThat(daemon.isAlive()).isFalse();
        }
    }

    static long indexed(Cli omni) {
        return omni.run(omni.home, "index", "status", "--json").json().path("memory_items_indexed").asLong();
    }
}
