package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.memory.ContextFile;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni memory}, {@code decide}, {@code next} and {@code context}, end to end through the real command line. */
class MemoryCliTest {
    @TempDir
    Path tmp;
    TestHome t;
    Env app;

    @BeforeEach
    void init() throws Exception {
        t = new TestHome(tmp);
        Path dir = Files.createDirectories(t.work.resolve("app"));
        app = t.env(dir);
        CliRun.run(app, "init", "-q", "--no-snapshot").ok();
    }

    private static JsonNode json(CliRun r) throws Exception {
        return Json.mapper().readTree(r.out());
    }

    @Test
    void addListShowEditRemoveRestore() throws Exception {
        String id = json(CliRun.run(app, "memory", "add", "The", "API", "listens", "on", "8080", "--tag", "api", "--json").ok())
                .path("id").asText();
        t.clock.advance(java.time.Duration.ofSeconds(1));
        CliRun.withInput(app, "Deploys need\ntwo approvals\n", "memory", "add", "-", "--type", "preference").ok();

        JsonNode list = json(CliRun.run(app, "memory", "list", "--json").ok());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("content").asText()).isEqualTo("Deploys need\ntwo approvals");
        assertThat(CliRun.run(app, "memory", "list", "--type", "fact").ok().out()).contains(id).contains("#api").doesNotContain("Deploys");

        JsonNode shown = json(CliRun.run(app, "memory", "show", id.substring(0, 16), "--json").ok());
        assertThat(shown.path("access_count").asInt()).isEqualTo(1);

        CliRun.run(app, "memory", "edit", id, "--text", "The API listens on 9090", "--untag", "api", "--tag", "ports").ok();
        JsonNode edited = json(CliRun.run(app, "memory", "show", id, "--json", "--history").ok());
        assertThat(edited.path("content").asText()).isEqualTo("The API listens on 9090");
        assertThat(edited.path("tags").toString()).isEqualTo("[\"ports\"]");
        assertThat(edited.path("history")).hasSize(2);

        assertThat(CliRun.run(app, "memory", "rm", id).ok().out()).contains("omni memory restore " + id);
        assertThat(CliRun.run(app, "memory", "list").ok().out()).doesNotContain(id);
        assertThat(CliRun.run(app, "memory", "list", "--deleted").ok().out()).contains(id);
        CliRun.run(app, "memory", "restore", id).ok();
        assertThat(CliRun.run(app, "memory", "show", id).ok().out()).contains("The API listens on 9090").contains("history     4 changes");
    }

    @Test
    void editWithoutTextOpensTheEditor() throws Exception {
        String id = json(CliRun.run(app, "memory", "add", "old text", "--json").ok()).path("id").asText();
        Path editor = tmp.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/old/new/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

        CliRun.run(app.withVar("EDITOR", editor.toString()), "memory", "edit", id).ok();

        assertThat(json(CliRun.run(app, "memory", "show", id, "--json").ok()).path("content").asText()).isEqualTo("new text");
        CliRun noEditor = CliRun.run(app.withVar("EDITOR", null), "memory", "edit", id).expect(ExitCodes.INVALID_INPUT);
        assertThat(noEditor.err()).startsWith("omni: error: no editor").doesNotContain("Exception");
    }

    @Test
    void searchRanksAndMarksMatches() throws Exception {
        CliRun.run(app, "memory", "add", "Reconnecting websockets need a backoff").ok();
        CliRun.run(app, "memory", "add", "The café has wifi").ok();
        CliRun.run(app, "memory", "add", "--global", "Prefer small commits").ok();

        JsonNode hits = json(CliRun.run(app, "memory", "search", "reconnect*", "--json").ok());
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("snippet").asText()).contains("<mark>Reconnecting</mark>");
        assertThat(CliRun.run(app, "memory", "search", "cafe").ok().out()).contains("[café]");
        assertThat(CliRun.run(app, "memory", "search", "commits").ok().out()).as("global items apply here").contains("Prefer small");
        assertThat(CliRun.run(app, "memory", "search", "nothing-like-this").ok().out()).contains("No memory item matches");
    }

    @Test
    void decideAndNextSteps() throws Exception {
        CliRun.run(app, "decide", "Use", "SQLite", "--why", "one file", "--category", "tech_choice").ok();
        assertThat(CliRun.run(app, "decide", "Use SQLite", "--why", "one file").ok().out()).startsWith("Already decided");
        assertThat(CliRun.run(app, "decide", "Use Postgres").expect(ExitCodes.USAGE).err()).contains("--why");

        String a = json(CliRun.run(app, "next", "add", "Write the benchmark", "-p", "1", "-e", "medium", "--json").ok()).path("id").asText();
        String b = json(CliRun.run(app, "next", "add", "Polish the README", "--json").ok()).path("id").asText();
        String c = json(CliRun.run(app, "next", "add", "Port to Windows", "-p", "3", "--json").ok()).path("id").asText();
        CliRun.run(app, "next", "start", b).ok();
        CliRun.run(app, "next", "done", a).ok();
        CliRun.run(app, "next", "dismiss", c).ok();

        String open = CliRun.run(app, "next", "list").ok().out();
        assertThat(open).contains("[~] P2  Polish the README").doesNotContain("benchmark").doesNotContain("Windows");
        assertThat(CliRun.run(app, "next", "list", "--closed").ok().out()).contains("[x] P1  Write the benchmark").contains("[-] P3");
        assertThat(CliRun.run(app, "next", "add", "x", "-p", "7").expect(ExitCodes.INVALID_INPUT).err())
                .contains("priority must be 1 (high), 2 or 3 (low)");
    }

    @Test
    void contextWritesOnlyOmnisSectionOfAgentsMd() throws Exception {
        CliRun.run(app, "decide", "Ship the CLI first", "--why", "every front end uses the same core").ok();
        CliRun.run(app, "memory", "add", "--type", "preference", "Tests use real SQLite, no mocks").ok();
        Path agents = app.cwd().resolve("AGENTS.md");
        Files.writeString(agents, "# Rules for agents\n\nBe nice.\n");

        assertThat(CliRun.run(app, "context", "--write", "AGENTS.md").ok().out()).contains("Added omni's section");
        String first = Files.readString(agents);
        assertThat(first).startsWith("# Rules for agents\n\nBe nice.\n\n" + ContextFile.BEGIN)
                .contains("- Ship the CLI first — because every front end uses the same core");

        Files.writeString(agents, first + "\n## Written after omni's section\n");
        CliRun.run(app, "memory", "add", "A new fact").ok();
        assertThat(CliRun.run(app, "context", "--write", "AGENTS.md").ok().out()).contains("Updated omni's section");
        String second = Files.readString(agents);
        assertThat(second).startsWith("# Rules for agents\n\nBe nice.\n\n").contains("- A new fact").endsWith("\n## Written after omni's section\n");
        assertThat(CliRun.run(app, "context", "--write", "AGENTS.md").ok().out()).contains("up to date");
        assertThat(CliRun.run(app, "context", "--max-chars", "250").ok().out().length()).isLessThanOrEqualTo(250);
        JsonNode asJson = json(CliRun.run(app, "context", "--json").ok());
        assertThat(asJson.path("project_name").asText()).isEqualTo("app");
        assertThat(asJson.path("markdown").asText()).startsWith("# Project memory: app").contains("- A new fact");
    }

    @Test
    void exportAndImportRoundTripThroughFiles() throws Exception {
        CliRun.run(app, "memory", "add", "Ünïcode and\nnew lines survive").ok();
        CliRun.run(app, "decide", "Keep the outbox", "--why", "sync needs it").ok();
        CliRun.run(app, "memory", "export", "--format", "jsonl", "-o", "mem.jsonl").ok();
        String md = CliRun.run(app, "memory", "export").ok().out();
        assertThat(md).startsWith("# Memory of app").contains("## Decisions");

        TestHome other = new TestHome(tmp.resolve("other"));
        Path otherApp = Files.createDirectories(other.work.resolve("app2"));
        CliRun.run(other.env(otherApp), "init", "-q", "--no-snapshot").ok();
        Path file = app.cwd().resolve("mem.jsonl");
        assertThat(CliRun.run(other.env(otherApp), "memory", "import", file.toString()).ok().out()).startsWith("Imported 2 new");
        assertThat(CliRun.run(other.env(otherApp), "memory", "import", file.toString()).ok().out()).startsWith("Imported 0 new, 0 updated; 2 already here");
        JsonNode list = json(CliRun.run(other.env(otherApp), "memory", "list", "--json").ok());
        assertThat(list).hasSize(2);
        assertThat(list.findValuesAsText("content")).contains("Ünïcode and\nnew lines survive");

        Files.writeString(tmp.resolve("bad.jsonl"), "{oops\n");
        CliRun bad = CliRun.run(other.env(otherApp), "memory", "import", tmp.resolve("bad.jsonl").toString()).expect(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("bad.jsonl:1: not valid JSON");
    }

    @Test
    void outsideAWorkspaceAProjectOrGlobalIsNeeded() {
        Env outside = t.env(t.work);
        CliRun r = CliRun.run(outside, "memory", "add", "where does this go").expect(ExitCodes.NOT_FOUND);
        assertThat(r.err()).isEqualTo("omni: error: not inside an omni workspace, so which project? Use --project P, or --global for every project\n");
        CliRun.run(outside, "memory", "add", "--global", "applies everywhere").ok();
        CliRun.run(outside, "memory", "add", "--project", "app", "belongs to app").ok();
        assertThat(CliRun.run(app, "memory", "list").ok().out()).contains("applies everywhere").contains("belongs to app");
        assertThat(CliRun.run(outside, "memory", "add", "--global", "--project", "app", "x").expect(ExitCodes.INVALID_INPUT).err())
                .contains("only one of");
        assertThat(CliRun.run(app, "memory", "add", "x", "--type", "opinion").expect(ExitCodes.INVALID_INPUT).err())
                .contains("unknown memory type 'opinion'");
    }
}
