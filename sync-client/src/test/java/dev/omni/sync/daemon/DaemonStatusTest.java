package dev.omni.sync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's status as it is written to daemon.json and read back by the CLI and the desktop app. */
class DaemonStatusTest {
    @TempDir
    Path dir;

    @Test
    void whatTheDaemonWritesReadsBackTheSame() throws Exception {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        DaemonStatus s = new DaemonStatus(4242, true, t, null, t.plusSeconds(9), t.plusSeconds(3), t.plusSeconds(4), "server down",
                t.plusSeconds(5), t.plusSeconds(6), new DaemonStatus.Queue(1, 7),
                List.of(new DaemonStatus.Watched("01W", "main", dir.resolve("app"), 12, "snap-01S")));
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, Json.write(s.toJson()));
        assertThat(DaemonStatus.read(f)).contains(s);
        // The keys omni daemon status --json has always printed.
        assertThat(s.toJson().path("queue").path("workspaces_to_push").asLong()).isEqualTo(1);
        assertThat(s.toJson().path("last_error").asText()).isEqualTo("server down");
        assertThat(s.toJson().has("stopped_at")).isFalse();
    }

    @Test
    void noFileOrADamagedOneIsNoStatus() throws Exception {
        assertThat(DaemonStatus.read(dir.resolve("daemon.json"))).isEmpty();
        Files.writeString(dir.resolve("daemon.json"), "{ not json");
        assertThat(DaemonStatus.read(dir.resolve("daemon.json"))).isEmpty();
    }
}
