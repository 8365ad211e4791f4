package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.util.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The details of {@code omni mcp} with the MCP Java SDK's client: bad arguments, pagination, errors, limits. */
class McpJavaClientTest {
    @TempDir
    Path tmp;
    McpFixture f;
    McpSyncClient client;

    @BeforeEach
    void start() throws Exception {
        f = new McpFixture(tmp);
        client = connect(f.root);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private McpSyncClient connect(Path cwd, String... args) {
        StringBuilder cmd = new StringBuilder("cd '" + cwd + "' && exec");
        for (String w : McpFixture.command(args)) {
            cmd.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        ServerParameters p = ServerParameters.builder("sh").args("-c", cmd.toString())
                .env(Map.of("OMNI_HOME", f.t.home.toString(), "LC_ALL", "C.UTF-8", "TZ", "UTC")).build();
        McpSyncClient c = McpClient.sync(new StdioClientTransport(p, new JacksonMcpJsonMapper(Json.mapper())))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void badArgumentsAreToolErrorsWithOneLineAndNoStackTrace() {
        for (Map.Entry<String, Map<String, Object>> bad : List.of(
                Map.entry("memory_add", Map.<String, Object>of()),
                Map.entry("search", Map.<String, Object>of("query", 42)),
                Map.entry("search", Map.<String, Object>of("query", "x", "limit", 100000)),
                Map.entry("memory_search", Map.<String, Object>of("query", "api", "type", "gossip")),
                Map.entry("next_step_update", Map.<String, Object>of("id", "x", "status", "maybe")))) {
            McpSchema.CallToolResult r = call(bad.getKey(), bad.getValue());
            assertThat(r.isError()).as(bad.toString()).isTrue();
            assertThat(text(r)).as(bad.toString()).isNotBlank().doesNotContain("\n").doesNotContain("at dev.omni").doesNotContain("Exception");
        }
    }

    @Test
    void omniErrorsComeBackWithOmnisMessage() {
        McpSchema.CallToolResult r = call("memory_update", Map.of("id", "01ZZZZZZZZ", "content", "x"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("no memory item");
        assertThat(call("file_at", Map.of("snapshot", "@", "path", "nope.txt")).isError()).isTrue();
        assertThat(text(call("file_at", Map.of("snapshot", "@", "path", "../etc/passwd")))).contains("..");
        assertThat(text(call("conversation_get", Map.of("id", "nothing-like-this")))).contains("no conversation");
        assertThat(text(call("diff", Map.of("from", "snap-NOPE")))).contains("no snapshot");
        assertThatThrownBy(() -> call("no_such_tool", Map.of())).isInstanceOf(McpError.class);
    }

    @Test
    void conversationsArePagedWithNextFromSeq() {
        List<Object> seqs = new ArrayList<>();
        Object from = 1;
        int pages = 0;
        while (from != null) {
            McpSchema.CallToolResult r = call("conversation_get", Map.of("id", f.conversationId, "from_seq", from, "limit", 3));
            assertThat(r.isError()).as(text(r)).isFalse();
            List<Map<String, Object>> msgs = (List<Map<String, Object>>) structured(r).get("messages");
            assertThat(msgs.size()).isLessThanOrEqualTo(3);
            msgs.forEach(m -> seqs.add(((Number) m.get("seq")).intValue()));
            from = structured(r).get("next_from_seq");
            pages++;
        }
        int total = seqs.size();
        assertThat(pages).isEqualTo((total + 2) / 3);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            expected.add(i);
        }
        assertThat(seqs).isEqualTo(expected);
        assertThat(total).isGreaterThan(3);
    }

    @Test
    void longTextsAndLargeDiffsAreCutWithANote() throws Exception {
        String big = "word ".repeat(6000) + "needle";
        McpSchema.CallToolResult added = call("memory_add", Map.of("content", big));
        assertThat(added.isError()).isFalse();
        McpSchema.CallToolResult found = call("memory_search", Map.of("query", "needle"));
        String content = (String) ((List<Map<String, Object>>) structured(found).get("items")).get(0).get("content");
        assertThat(content).hasSizeLessThan(big.length()).contains("[… cut: ");

        java.nio.file.Files.writeString(f.root.resolve("big.txt"), "line\n".repeat(50_000));
        McpSchema.CallToolResult d = call("diff", Map.of("max_bytes", 1000));
        assertThat(structured(d).get("truncated")).isEqualTo(true);
        assertThat(text(d)).contains("[… cut at 1000 of ");
        McpSchema.CallToolResult stat = call("diff", Map.of("stat", true));
        assertThat(text(stat)).contains("A big.txt +50000 -0").contains("M README.md +1 -1");
    }

    @Test
    void restoreIsOfferedOnlyWhenAllowed() {
        assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name)).doesNotContain("restore");
        McpSchema.CallToolResult r;
        try {
            r = call("restore", Map.of("snapshot", "@"));
        } catch (McpError e) {
            r = null;
        }
        assertThat(r == null || r.isError()).isTrue();
        McpSyncClient allowed = connect(f.root, "--allow-restore");
        try {
            McpSchema.Tool restore = allowed.listTools().tools().stream().filter(t -> t.name().equals("restore")).findFirst().orElseThrow();
            assertThat(restore.annotations().destructiveHint()).isTrue();
            McpSchema.CallToolResult done = allowed.callTool(new McpSchema.CallToolRequest("restore", Map.of("snapshot", "@",
                    "paths", List.of("README.md"))));
            assertThat(done.isError()).as(text(done)).isFalse();
            assertThat(structured(done).get("safety_snapshot")).isNotNull();
        } finally {
            allowed.closeGracefully();
        }
    }

    @Test
    void outsideAWorkspaceTheWorkingCopyToolsSaySo() throws Exception {
        Path elsewhere = java.nio.file.Files.createDirectories(tmp.resolve("elsewhere"));
        McpSyncClient c = connect(elsewhere);
        try {
            McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest("status", Map.of()));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("not started in a workspace");
            McpSchema.CallToolResult global = c.callTool(new McpSchema.CallToolRequest("memory_add", Map.of("content", "Answer briefly",
                    "type", "preference")));
            assertThat(global.isError()).isFalse();
        } finally {
            c.closeGracefully();
        }
        McpSyncClient byProject = connect(elsewhere, "--project", "app");
        try {
            McpSchema.CallToolResult ctx = byProject.callTool(new McpSchema.CallToolRequest("context", Map.of()));
            assertThat(text(ctx)).contains("Use SQLite FTS5 for search").contains("Answer briefly");
        } finally {
            byProject.closeGracefully();
        }
    }
}
