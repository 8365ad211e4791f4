package dev.omni.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.testing.Fixtures;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A store with something in it for the MCP server tests: a workspace of two snapshots with a change
 * since, memory items, a decision, a next step, and an imported Claude Code conversation. The server
 * runs as {@code omni mcp}, a process of its own started in the workspace.
 */
final class McpFixture {
    final TestHome t;
    final Path root;
    final Env app;
    final String factId;
    final String nextId;
    final String conversationId;

    McpFixture(Path tmp) throws Exception {
        t = new TestHome(tmp);
        Path dir = Files.createDirectories(t.work.resolve("app"));
        Files.writeString(dir.resolve("README.md"), "# App\n\nThe API listens on 8080.\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Server.java"), "class Server {\n    int port = 8080;\n}\n");
        Env e = t.env(dir);
        CliRun.run(e, "init", "-q").ok();
        root = dir.toRealPath();
        app = e.withCwd(root);
        Files.writeString(root.resolve("src/Server.java"), "class Server {\n    int port = 9090;\n}\n");
        CliRun.run(app, "snapshot", "-q", "-m", "port 9090").ok();
        Files.writeString(root.resolve("README.md"), "# App\n\nThe API listens on 9090.\n");
        factId = json(CliRun.run(app, "memory", "add", "The API listens on 9090", "--tag", "api", "--json").ok()).path("id").asText();
        CliRun.run(app, "decide", "Use SQLite FTS5 for search", "--why", "offline, one file").ok();
        nextId = json(CliRun.run(app, "next", "add", "Write the benchmark", "--json").ok()).path("id").asText();
        Path session = Fixtures.copy(Fixtures.CLAUDE, tmp.resolve("t/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl"), root);
        CliRun.run(app, "conv", "import", "-q", session.toString()).ok();
        conversationId = json(CliRun.run(app, "conv", "list", "--json").ok()).get(0).path("id").asText();
    }

    static JsonNode json(CliRun r) throws Exception {
        return Json.mapper().readTree(r.out());
    }

    /** The java command line of {@code omni mcp ARGS} with the test's class path. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "mcp"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
