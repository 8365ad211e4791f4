package dev.omni.sync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon reads config.toml again only when the file changed, and keeps working settings when it breaks. */
class ConfigWatchTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsReadAgainOnlyWhenItChanged() throws Exception {
        List<String> problems = new ArrayList<>();
        ConfigWatch watch = new ConfigWatch(dir, problems::add);
        assertThat(watch.current().getLong(Config.Key.DAEMON_QUIET_MS)).isEqualTo(2000);
        for (int i = 0; i < 100; i++) {
            watch.current();
        }
        assertThat(watch.loads()).as("a hundred passes, no file, one read").isEqualTo(1);

        Files.writeString(dir.resolve("config.toml"), "[daemon]\nquiet_ms = 500\n");
        assertThat(watch.current().getLong(Config.Key.DAEMON_QUIET_MS)).isEqualTo(500);
        watch.current();
        assertThat(watch.loads()).isEqualTo(2);

        Files.writeString(dir.resolve("config.toml"), "[daemon]\nquiet_ms = 750\nrescan_seconds = 5\n");
        assertThat(watch.current().getLong(Config.Key.DAEMON_RESCAN_SECONDS)).isEqualTo(5);
        assertThat(watch.loads()).isEqualTo(3);
        assertThat(problems).isEmpty();
    }

    @Test
    void aBrokenFileKeepsTheSettingsReadBeforeAndIsReportedOnce() throws Exception {
        List<String> problems = new ArrayList<>();
        ConfigWatch watch = new ConfigWatch(dir, problems::add);
        Files.writeString(dir.resolve("config.toml"), "[daemon]\nquiet_ms = 500\n");
        assertThat(watch.current().getLong(Config.Key.DAEMON_QUIET_MS)).isEqualTo(500);

        Files.writeString(dir.resolve("config.toml"), "[daemon]\nquiet_ms = 900\nthis is not a setting\n");
        assertThat(watch.current().getLong(Config.Key.DAEMON_QUIET_MS)).isEqualTo(500);
        watch.current();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("config.toml:3", "keeping the settings read before");
    }
}
