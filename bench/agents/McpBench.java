import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.home.OmniHome;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.util.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * MCP memory_search latency (issue 15): a running 'omni mcp' server over the memory benchmark's store,
 * driven by the MCP Java SDK's client over stdio; each call timed from request to parsed result.
 * Beside it, in the same run, the same queries through MemoryService.search in this JVM (the use
 * case the tool wraps). Run by bench/agents/mcp-bench.sh:
 *   java -cp CLASSPATH McpBench.java OMNI HOME WORKSPACE_DIR QUERIES_FILE N
 */
public class McpBench {
    public static void main(String[] args) throws Exception {
        String omni = args[0];
        Path home = Path.of(args[1]);
        Path dir = Path.of(args[2]);
        Path qfile = Path.of(args[3]);
        int n = Integer.parseInt(args[4]);
        List<String> queries = queries(home, qfile, n);
        System.out.println("queries: " + queries.size() + (Files.exists(qfile) ? " from " + qfile : " (words of memory items)"));

        ServerParameters p = ServerParameters.builder("sh").args("-c", "cd '" + dir + "' && exec '" + omni + "' mcp")
                .env(Map.of("OMNI_HOME", home.toString(), "PATH", System.getenv("PATH"))).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(p, new JacksonMcpJsonMapper(Json.mapper())))
                .requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(120)).build();
        long t0 = System.nanoTime();
        client.initialize();
        System.out.printf("server started and initialized in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        for (int i = 0; i < Math.min(100, queries.size()); i++) { // warm-up: JIT and page cache
            call(client, queries.get(i));
        }
        double[] mcp = new double[queries.size()];
        int errors = 0;
        for (int i = 0; i < queries.size(); i++) {
            long s = System.nanoTime();
            McpSchema.CallToolResult r = call(client, queries.get(i));
            mcp[i] = (System.nanoTime() - s) / 1e6;
            if (Boolean.TRUE.equals(r.isError())) {
                errors++;
            }
        }
        client.closeGracefully();
        report("MCP memory_search (stdio, JSON-RPC)", mcp);
        if (errors > 0) {
            System.out.println("tool errors: " + errors + " (queries with nothing to search for)");
        }

        Env env = new Env(Map.of("OMNI_HOME", home.toString()), dir, dir, Clock.systemUTC(), "bench");
        try (Omni o = Omni.at(env, OmniHome.at(home))) {
            MemoryService svc = new MemoryService(o);
            String project = new dev.omni.core.workspace.WorkspaceService(o).current(dir).projectId();
            MemoryFilter f = MemoryFilter.applyingTo(project).withLimit(10);
            for (int i = 0; i < Math.min(100, queries.size()); i++) {
                search(svc, queries.get(i), f);
            }
            double[] in = new double[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long s = System.nanoTime();
                search(svc, queries.get(i), f);
                in[i] = (System.nanoTime() - s) / 1e6;
            }
            report("MemoryService.search in-process (same queries, same limit)", in);
        }
    }

    static McpSchema.CallToolResult call(McpSyncClient c, String q) {
        return c.callTool(new McpSchema.CallToolRequest("memory_search", Map.of("query", q, "limit", 10)));
    }

    static void search(MemoryService svc, String q, MemoryFilter f) {
        try {
            svc.search(q, f, true);
        } catch (dev.omni.core.OmniException e) {
            // nothing to search for: the tool answers the same error
        }
    }

    static List<String> queries(Path home, Path file, int n) throws Exception {
        if (Files.exists(file)) {
            List<String> all = Files.readAllLines(file);
            return all.size() > n ? all.subList(0, n) : all;
        }
        List<String> out = new ArrayList<>();
        Random rnd = new Random(7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("omni.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT content FROM memory_items WHERE deleted_at IS NULL ORDER BY random() LIMIT " + n)) {
            while (rs.next()) {
                String[] w = Arrays.stream(rs.getString(1).split("\\W+")).filter(x -> x.length() >= 4).toArray(String[]::new);
                if (w.length > 0) {
                    out.add(rnd.nextInt(4) == 0 && w.length > 1 ? w[0] + " " + w[w.length - 1] : w[rnd.nextInt(w.length)]);
                }
            }
        }
        return out;
    }

    static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)%n", what, pct(s, 50), pct(s, 95), pct(s, 99),
                s[s.length - 1], s.length);
    }

    static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
