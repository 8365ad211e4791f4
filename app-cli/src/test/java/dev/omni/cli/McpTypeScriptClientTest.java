package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omni mcp} driven over stdio by a client nobody here wrote: the official TypeScript SDK's
 * ({@code @modelcontextprotocol/sdk}, installed by the build with {@code npm ci} into
 * {@code target/mcp-client}). It lists the tools and calls each one; the resources are read too.
 */
class McpTypeScriptClientTest {
    private static final Path CLIENT = Path.of("target/mcp-client");

    @TempDir
    Path tmp;

    private static ObjectNode call(ArrayNode calls, String name, Map<String, Object> args) {
        ObjectNode c = calls.addObject();
        c.put("name", name);
        c.set("arguments", Json.mapper().valueToTree(args));
        return c;
    }

    @Test
    void theTypeScriptClientListsAndCallsEveryTool() throws Exception {
        assertThat(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk")).as("npm ci ran in the build").isDirectory();
        McpFixture f = new McpFixture(tmp);
        ObjectNode plan = Json.mapper().createObjectNode();
        List<String> cmd = McpFixture.command("--allow-restore");
        plan.put("command", cmd.get(0));
        plan.set("args", Json.mapper().valueToTree(cmd.subList(1, cmd.size())));
        plan.put("cwd", f.root.toString());
        plan.set("env", Json.mapper().valueToTree(Map.of("OMNI_HOME", f.t.home.toString(), "LC_ALL", "C.UTF-8", "TZ", "UTC",
                "PATH", System.getenv("PATH"))));
        plan.put("memoryId", f.factId);
        ArrayNode calls = plan.putArray("calls");
        call(calls, "search", Map.of("query", "api OR server"));
        call(calls, "memory_search", Map.of("query", "API", "limit", 5));
        call(calls, "memory_add", Map.of("content", "Deploys go through CI", "tags", List.of("ci")));
        call(calls, "memory_update", Map.of("id", f.factId, "importance", 0.9));
        call(calls, "decide", Map.of("decision", "Ship weekly", "why", "small batches", "category", "process"));
        call(calls, "next_steps", Map.of());
        call(calls, "next_step_add", Map.of("content", "Profile the import", "priority", 1));
        call(calls, "next_step_update", Map.of("id", f.nextId, "status", "started"));
        call(calls, "context", Map.of("max_chars", 4000));
        call(calls, "conversation_search", Map.of("query", "websocket"));
        call(calls, "conversation_get", Map.of("id", f.conversationId, "limit", 2));
        call(calls, "status", Map.of());
        call(calls, "log", Map.of("limit", 5));
        call(calls, "diff", Map.of("paths", List.of("README.md")));
        call(calls, "file_at", Map.of("snapshot", "@~1", "path", "src/Server.java"));
        call(calls, "restore", Map.of("snapshot", "@~1", "dry_run", true));
        call(calls, "snapshot", Map.of("message", "from the agent"));
        call(calls, "memory_forget", Map.of("id", f.factId));
        Path planFile = tmp.resolve("plan.json");
        Files.writeString(planFile, plan.toString());

        ProcessBuilder pb = new ProcessBuilder("node", "client.mjs", planFile.toString()).directory(CLIENT.toFile())
                .redirectError(tmp.resolve("node.err").toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("node.err"))).isZero();
        JsonNode report = Json.mapper().readTree(new String(out, StandardCharsets.UTF_8));

        assertThat(report.path("server").path("name").asText()).isEqualTo("omni");
        List<String> names = new ArrayList<>();
        report.path("tools").forEach(t -> {
            names.add(t.path("name").asText());
            assertThat(t.path("inputSchema").path("type").asText()).isEqualTo("object");
        });
        assertThat(names).containsExactlyInAnyOrder("search", "memory_search", "memory_add", "memory_update", "memory_forget",
                "decide", "next_steps", "next_step_add", "next_step_update", "context", "conversation_search", "conversation_get",
                "status", "log", "diff", "file_at", "snapshot", "restore");
        assertThat(report.path("results")).hasSize(names.size());
        for (JsonNode r : report.path("results")) {
            assertThat(r.path("isError").asBoolean()).as(r.toString()).isFalse();
            assertThat(r.path("structuredContent").isObject()).as(r.path("name").asText()).isTrue();
            assertThat(r.path("text").asText()).as(r.path("name").asText()).isNotBlank();
        }
        JsonNode byName = Json.mapper().createObjectNode();
        report.path("results").forEach(r -> ((ObjectNode) byName).set(r.path("name").asText(), r));

        assertThat(byName.path("search").path("structuredContent").path("hits").findValuesAsText("kind")).contains("memory", "file");
        assertThat(byName.path("memory_search").path("text").asText()).contains(f.factId).contains("**API**");
        assertThat(byName.path("memory_add").path("structuredContent").path("item").path("tags").get(0).asText()).isEqualTo("ci");
        assertThat(byName.path("memory_update").path("structuredContent").path("item").path("importance").asDouble()).isEqualTo(0.9);
        assertThat(byName.path("decide").path("structuredContent").path("item").path("rationale").asText()).isEqualTo("small batches");
        assertThat(byName.path("next_steps").path("text").asText()).contains("Write the benchmark");
        assertThat(byName.path("next_step_update").path("structuredContent").path("item").path("status").asText()).isEqualTo("started");
        assertThat(byName.path("context").path("text").asText()).contains("Use SQLite FTS5 for search").contains("offline, one file");
        assertThat(byName.path("conversation_search").path("structuredContent").path("hits")).isNotEmpty();
        JsonNode page = byName.path("conversation_get").path("structuredContent");
        assertThat(page.path("messages")).hasSize(2);
        assertThat(page.path("next_from_seq").asInt()).isEqualTo(3);
        assertThat(byName.path("status").path("text").asText()).contains("M README.md");
        assertThat(byName.path("log").path("structuredContent").path("snapshots")).hasSize(2);
        assertThat(byName.path("diff").path("text").asText()).contains("-The API listens on 8080.").contains("+The API listens on 9090.");
        assertThat(byName.path("file_at").path("structuredContent").path("content").asText())
                .isEqualTo("class Server {\n    int port = 8080;\n}\n");
        assertThat(byName.path("restore").path("structuredContent").path("dry_run").asBoolean()).isTrue();
        assertThat(byName.path("snapshot").path("structuredContent").path("recorded").asBoolean()).isTrue();

        assertThat(report.path("resources").get(0).asText()).isEqualTo("omni://context");
        assertThat(report.path("templates").get(0).asText()).isEqualTo("omni://memory/{id}");
        assertThat(report.path("context").asText()).contains("Use SQLite FTS5 for search");
        assertThat(report.path("memoryItem").path("id").asText()).isEqualTo(f.factId);

        // what the tools did is in the store, as the CLI sees it
        assertThat(CliRun.run(f.app, "memory", "list").ok().out()).contains("Deploys go through CI").doesNotContain("9090");
        assertThat(CliRun.run(f.app, "next", "list").ok().out()).contains("[~] P2  Write the benchmark").contains("Profile the import");
        assertThat(CliRun.run(f.app, "log").ok().out()).contains("from the agent").contains("mcp");
        assertThat(Files.readString(f.root.resolve("README.md"))).contains("9090");
    }
}
