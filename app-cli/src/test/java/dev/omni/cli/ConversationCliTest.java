package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni conv …}, end to end through the real command line with a real store and real transcript files. */
class ConversationCliTest {
    @TempDir
    Path tmp;
    TestHome t;
    Env app;
    Path root;

    @BeforeEach
    void init() throws Exception {
        t = new TestHome(tmp);
        root = Files.createDirectories(t.work.resolve("app"));
        app = t.env(root);
        CliRun.run(app, "init", "-q", "--no-snapshot").ok();
        root = root.toRealPath();
    }

    private static JsonNode json(CliRun r) throws Exception {
        return Json.mapper().readTree(r.out());
    }

    @Test
    void importReportsBadLinesWithFileAndLineAndReimportAddsNothing() throws Exception {
        Path session = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), root);
        Path rollout = Fixtures.copy(Fixtures.CODEX, tmp.resolve("t/rollout-2026-11-20T10-00-00-x.jsonl"), root);

        CliRun first = CliRun.run(app, "conv", "import", session.toString(), rollout.toString()).ok();
        assertThat(first.out()).contains("new  ").contains("+9 messages  Fix the flaky websocket reconnect test")
                .contains("+9 messages  Add a retry to the HTTP client");
        assertThat(first.err()).contains("warning: " + session + ":7: not valid JSON")
                .contains("warning: " + rollout + ":15: truncated");

        CliRun again = CliRun.run(app, "conv", "import", "--json", tmp.resolve("t").toString()).ok();
        JsonNode reports = json(again);
        assertThat(reports).hasSize(2);
        assertThat(reports.findValues("added_messages")).allMatch(n -> n.asInt() == 0);

        JsonNode list = json(CliRun.run(app, "conv", "list", "--json").ok());
        assertThat(list).hasSize(2);
        assertThat(list.findValuesAsText("source")).containsExactlyInAnyOrder("claude", "codex");
    }

    @Test
    void aRejectedFileExitsWithInvalidInputAndLeavesNothing() throws Exception {
        Path truncated = Fixtures.copy(Fixtures.JSON_TRUNCATED, tmp.resolve("t/cut.json"), null);
        Path good = Fixtures.copy(Fixtures.JSON, tmp.resolve("t/good.json"), root);

        CliRun r = CliRun.run(app, "conv", "import", truncated.toString(), good.toString()).expect(ExitCodes.INVALID_INPUT);

        assertThat(r.err()).contains(truncated + ":5: not valid JSON, nothing imported");
        assertThat(r.out()).contains("Design of the outbox");
        assertThat(json(CliRun.run(app, "conv", "list", "--json").ok())).hasSize(1);
    }

    @Test
    void showSearchExportAndRemove() throws Exception {
        Path session = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), root);
        CliRun.run(app, "conv", "import", session.toString()).ok();

        String shown = CliRun.run(app, "conv", "show", "6f1c2a1e").ok().out();
        assertThat(shown).startsWith("Fix the flaky websocket reconnect test\n")
                .contains("── 1 user").contains("▸ Bash").contains("◂ result").contains("(thinking, 1 line; --full shows it)")
                .contains("Merci — ça marche! 🎉 Ship it.");
        assertThat(CliRun.run(app, "conv", "show", "6f1c2a1e", "--full").ok().out()).contains("races with the heartbeat timer");
        JsonNode full = json(CliRun.run(app, "conv", "show", "6f1c2a1e", "--json").ok());
        assertThat(full.path("messages")).hasSize(9);
        assertThat(full.path("messages").get(3).path("blocks").get(0).path("name").asText()).isEqualTo("Bash");

        JsonNode hits = json(CliRun.run(app, "conv", "search", "heartbeat", "--role", "assistant", "--json").ok());
        assertThat(hits).isNotEmpty();
        assertThat(hits.findValuesAsText("role")).containsOnly("assistant");
        assertThat(hits.get(0).path("snippet").asText()).contains("<mark>heartbeat</mark>");

        CliRun.run(app, "conv", "export", "6f1c2a1e", "--format", "json", "-o", "conv.json").ok();
        String md = CliRun.run(app, "conv", "export", "6f1c2a1e").ok().out();
        assertThat(md).startsWith("# Fix the flaky websocket reconnect test").contains("<details><summary>tool: Bash</summary>");

        TestHome other = new TestHome(tmp.resolve("other"));
        CliRun copied = CliRun.run(other.env(), "conv", "import", root.resolve("conv.json").toString()).ok();
        assertThat(copied.out()).contains("+9 messages");
        assertThat(copied.err()).isEmpty();

        CliRun.run(app, "conv", "rm", "6f1c2a1e").ok();
        assertThat(json(CliRun.run(app, "conv", "list", "--json").ok())).isEmpty();
        assertThat(json(CliRun.run(app, "conv", "list", "--removed", "--json").ok())).hasSize(1);
        assertThat(CliRun.run(app, "conv", "search", "heartbeat").ok().out()).contains("No message matches");
        assertThat(CliRun.run(app, "conv", "show", "nope").expect(ExitCodes.NOT_FOUND).err()).isEqualTo(
                "omni: error: no conversation 'nope' (see 'omni conv list')\n");
    }

    @Test
    void scanFindsTranscriptsUnderTheUsersHome() throws Exception {
        String dir = root.toString().replaceAll("[^A-Za-z0-9]", "-");
        Fixtures.copy(Fixtures.CLAUDE, t.userHome.resolve(".claude/projects/" + dir + "/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), root);
        Fixtures.copy(Fixtures.CODEX, t.userHome.resolve(".codex/sessions/2026/11/20/rollout-2026-11-20T10-00-00-a.jsonl"), root);

        CliRun first = CliRun.run(app, "conv", "scan").ok();
        assertThat(first.out()).contains("2 new conversations, 18 new messages");
        CliRun second = CliRun.run(app, "conv", "scan", "--json").ok();
        assertThat(json(second).path("unchanged").asInt()).isEqualTo(2);
        assertThat(json(second).path("new_messages").asInt()).isZero();
    }

    @Test
    void conversationsAttachToTheWorkspaceOrTheOneGiven() throws Exception {
        Path elsewhere = Fixtures.copy(Fixtures.JSON, tmp.resolve("t/x.json"), Path.of("/srv/elsewhere"));
        CliRun.run(app, "conv", "import", "--workspace", "app/main", elsewhere.toString()).ok();
        JsonNode list = json(CliRun.run(app, "conv", "list", "--json").ok());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("workspace_id").asText()).isNotEmpty();
        assertThat(CliRun.run(app, "conv", "import", "--workspace", "nope", elsewhere.toString()).expect(ExitCodes.NOT_FOUND).err())
                .contains("no workspace 'nope'");
    }
}
