package dev.omni.mcp;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.agent.AgentLog;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code omni mcp}: a Model Context Protocol server on standard input and output (the official MCP
 * Java SDK). Its tools and resources call core's use cases, the same as the {@code omni} command;
 * errors become tool errors carrying omni's one-line message. Standard output carries only the
 * protocol: what the server has to say goes to {@code <home>/logs/agents.log}.
 */
public final class OmniMcpServer {
    private final Omni omni;
    private final Scope scope;
    private final boolean allowRestore;
    private final AgentLog log;

    public OmniMcpServer(Omni omni, Path dir, String projectKey, boolean allowRestore) {
        this.omni = omni;
        this.scope = Scope.of(omni, dir, projectKey);
        this.allowRestore = allowRestore;
        this.log = new AgentLog(omni.home().logs(), omni.env().clock());
    }

    /** Serves on {@code in}/{@code out} until the client closes {@code in}. */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        McpJsonMapper json = new JacksonMcpJsonMapper(dev.omni.core.util.Json.mapper());
        McpSyncServer server = build(new StdioServerTransportProvider(json, watched, out), json);
        log.info("mcp: serving " + (scope.project() == null ? "global memory (no project)" : "project " + scope.project().name())
                + (allowRestore ? ", restore allowed" : ""));
        try {
            closed.await();
        } finally {
            server.closeGracefully();
            log.info("mcp: client gone, stopped");
        }
    }

    McpSyncServer build(io.modelcontextprotocol.spec.McpServerTransportProvider transport, McpJsonMapper json) {
        Tools tools = new Tools(omni, scope, allowRestore);
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (Tools.Def d : tools.all()) {
            McpSchema.Tool tool = McpSchema.Tool.builder().name(d.name()).description(d.description())
                    .inputSchema(json, d.schema()).annotations(new McpSchema.ToolAnnotations(null, d.readOnly(), d.destructive(),
                            d.readOnly() || d.idempotent(), false, null)).build();
            specs.add(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                    .callHandler((exchange, req) -> call(d, req.arguments())).build());
        }
        Resources resources = new Resources(omni, scope);
        return McpServer.sync(transport)
                .serverInfo("omni", version())
                .instructions("omni keeps this project's memory (facts, decisions, next steps), its agent conversations and"
                        + " snapshots of the working copy. Search before you ask the user; record decisions with 'decide'.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .tools(specs)
                .resources(resources.context())
                .resourceTemplates(resources.memoryItem())
                .build();
    }

    /** One call: the tool's result, or a tool error with omni's message (never a stack trace). */
    McpSchema.CallToolResult call(Tools.Def d, Map<String, Object> arguments) {
        long t0 = System.nanoTime();
        try {
            Tools.Result r = d.handler().apply(new Args(arguments));
            log.info(String.format("mcp: %s (%.1f ms)", d.name(), (System.nanoTime() - t0) / 1e6));
            return McpSchema.CallToolResult.builder().structuredContent(r.structured()).addTextContent(r.text()).isError(false).build();
        } catch (OmniException e) {
            log.info("mcp: " + d.name() + ": " + e.getMessage());
            return error(e.getMessage());
        } catch (RuntimeException e) {
            log.error("mcp: " + d.name() + ": " + e);
            return error("internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message.replace('\n', ' ')).isError(true).build();
    }

    static String version() {
        String v = OmniMcpServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
