package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni search}: one ranked list across memory, messages and file paths. */
class SearchCliTest {
    @TempDir
    Path tmp;

    @Test
    void oneSearchAcrossEverythingSaysWhereEachHitLives() throws Exception {
        TestHome t = new TestHome(tmp);
        Path root = Files.createDirectories(t.work.resolve("app"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/heartbeat_timer.ts"), "export {}\n");
        Env app = t.env(root);
        CliRun.run(app, "init", "-q").ok();
        CliRun.run(app, "decide", "Clear the heartbeat timer before reconnecting", "--why", "two reconnects raced").ok();
        Path session = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/s.jsonl"), root.toRealPath());
        CliRun.run(app, "conv", "import", session.toString()).ok();

        JsonNode hits = Json.mapper().readTree(CliRun.run(app, "search", "heartbeat", "--json").ok().out());

        assertThat(hits.findValuesAsText("kind")).contains("memory", "message", "file");
        assertThat(hits.get(0).path("kind").asText()).isEqualTo("memory");
        JsonNode file = null;
        for (JsonNode h : hits) {
            if (h.path("kind").asText().equals("file")) {
                file = h;
            }
        }
        assertThat(file).isNotNull();
        assertThat(file.path("path").asText()).isEqualTo("src/heartbeat_timer.ts");
        assertThat(file.path("snapshot_id").asText()).startsWith("snap-");
        assertThat(file.path("project_name").asText()).isEqualTo("app");

        String text = CliRun.run(app, "search", "heartbeat", "--in", "files,memory", "-n", "5").ok().out();
        assertThat(text).contains("file    src/heartbeat_timer.ts").contains("memory  ").doesNotContain("message ");
        assertThat(CliRun.run(app, "search", "heartbeat", "--in", "blogs").expect(ExitCodes.INVALID_INPUT).err())
                .contains("unknown search area 'blogs'");
        assertThat(CliRun.run(app, "search", "zzzqqq", "--mode", "text").ok().out()).contains("Nothing matches.");
    }
}
