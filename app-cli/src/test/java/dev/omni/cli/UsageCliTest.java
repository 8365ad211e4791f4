package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni usage}: the table, the JSON, and the groups. */
class UsageCliTest {
    @TempDir
    Path tmp;

    @Test
    void usageIsGroupedAndPricedOncePerResponse() throws Exception {
        TestHome t = new TestHome(tmp);
        Env app = t.env(t.work);
        Path f = tmp.resolve("s1.jsonl");
        String usage = "{\"input_tokens\":1000,\"output_tokens\":2000,\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0}";
        StringBuilder lines = new StringBuilder("{\"type\":\"user\",\"uuid\":\"u\",\"sessionId\":\"s1\",\"timestamp\":\"2026-11-20T09:00:00Z\","
                + "\"message\":{\"role\":\"user\",\"content\":\"go\"}}\n");
        for (int i = 0; i < 3; i++) { // one response over three lines
            lines.append("{\"type\":\"assistant\",\"uuid\":\"a").append(i).append("\",\"sessionId\":\"s1\",\"timestamp\":\"2026-11-20T09:00:0")
                    .append(i + 1).append("Z\",\"message\":{\"id\":\"msg_1\",\"role\":\"assistant\",\"model\":\"claude-opus-4-5-20251101\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"usage\":").append(usage).append("}}\n");
        }
        Files.writeString(f, lines);
        CliRun.run(app, "conv", "import", "-q", f.toString()).ok();

        CliRun table = CliRun.run(app, "usage", "--by", "model").ok();
        assertThat(table.out()).contains("claude-opus-4-5-20251101").contains("1,000").contains("2,000")
                .contains("$0.06").contains("list prices as of 2025-11-01");
        JsonNode js = Json.mapper().readTree(CliRun.run(app, "usage", "--by", "day", "--json").ok().out());
        assertThat(js.path("rows")).hasSize(1);
        assertThat(js.path("rows").get(0).path("key").asText()).isEqualTo("2026-11-20");
        assertThat(js.path("total").path("responses").asInt()).isEqualTo(1);
        assertThat(js.path("total").path("output_tokens").asLong()).isEqualTo(2000);
        // opus 4.5: $5 in, $25 out per million
        assertThat(js.path("total").path("cost").asDouble()).isEqualTo((1000 * 5 + 2000 * 25) / 1e6);
        assertThat(CliRun.run(app, "usage", "--by", "planet").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(CliRun.run(app, "usage", "--since", "2026-11-21", "--json").ok().out()).contains("\"rows\" : [ ]");
    }
}
