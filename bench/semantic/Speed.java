import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.search.SearchKind;
import dev.omni.core.search.SearchMode;
import dev.omni.core.search.SearchRequest;
import dev.omni.core.search.SearchService;
import dev.omni.core.semantic.Chunker;
import dev.omni.core.semantic.EmbeddingModel;
import dev.omni.core.semantic.OnnxEmbedder;
import dev.omni.core.semantic.SemanticIndex;
import dev.omni.core.semantic.VectorCodec;
import dev.omni.core.memory.MemoryCodec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The speed half of the semantic benchmark, on the 1M-message store of bench/memory. */
final class Speed {
    private Speed() {
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Chunks of {@code n} user/assistant messages and {@code n/4} memory items, spread over the store. */
    static List<String> sample(Omni omni, int n) {
        List<String> out = new ArrayList<>();
        omni.db().read(c -> {
            long max = dev.omni.core.store.Database.queryLong(c, "SELECT max(pk) FROM messages", 0);
            Random r = new Random(3);
            try (PreparedStatement ps = c.prepareStatement("SELECT role, content, blocks FROM messages WHERE pk >= ? AND role IN ('user','assistant') LIMIT 1")) {
                while (out.size() < n) {
                    ps.setLong(1, 1 + (long) (r.nextDouble() * max));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.addAll(Chunker.message(rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT content, rationale, tags FROM memory_items ORDER BY random() LIMIT ?")) {
                ps.setInt(1, n / 4);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Chunker.memory(rs.getString(1), rs.getString(2), MemoryCodec.parseTags(rs.getString(3))));
                    }
                }
            }
            return null;
        });
        return out;
    }

    static void throughput(Path home, int n) throws Exception {
        EmbeddingModel m = EmbeddingModel.bundled().orElseThrow();
        int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
        try (Omni omni = SemanticBench.open(home); OnnxEmbedder e = OnnxEmbedder.load(m, omni.home().cache(), threads)) {
            List<String> texts = sample(omni, n);
            System.out.printf(Locale.ROOT, "%d chunks of %.0f words and %.0f tokens on average, %d threads%n", texts.size(),
                    texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0),
                    texts.stream().mapToInt(e::tokens).average().orElse(0), threads);
            e.passages(texts.subList(0, Math.min(64, texts.size()))); // warm-up
            for (int run = 1; run <= 2; run++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                e.passages(texts);
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (cpuNanos() - c0) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: %d chunks in %.1f s wall = %.0f chunks/s; %.1f CPU-s = %.0f chunks per CPU-second"
                        + " (two idle cores: %.0f chunks/s); load %s%n", run, texts.size(), wall, texts.size() / wall, cpu,
                        texts.size() / cpu, 2 * texts.size() / cpu, Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }

    /**
     * Every memory item and user/assistant message of the store gets its vectors: {@code sample}
     * chunks embedded for real; every other chunk a mixture of two of those plus noise, scaled to
     * unit length (clustered like real vectors, which matters to HNSW). Embedding all 750k chunks on
     * a shared 2-core machine would take many hours; the time it would take is measured by throughput.
     */
    static void fill(Path home, int sampleSize) throws Exception {
        EmbeddingModel m = EmbeddingModel.bundled().orElseThrow();
        try (Omni omni = SemanticBench.open(home); SemanticIndex index = new SemanticIndex(omni)) {
            List<String> texts = sample(omni, sampleSize);
            long t0 = System.nanoTime();
            float[][] real = index.embedder().passages(texts);
            System.out.printf(Locale.ROOT, "fill: %d chunks embedded for real in %.1f s%n", real.length, (System.nanoTime() - t0) / 1e9);
            // The index's own bookkeeping first: the model's row, an empty index of it.
            index.index(true, Progress.NONE, () -> true);
            Random r = new Random(11);
            long t1 = System.nanoTime();
            long[] made = {0};
            omni.db().write(c -> {
                int modelId = (int) dev.omni.core.store.Database.queryLong(c, "SELECT model_id FROM semantic_state", -1);
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO semantic_vectors(model_id, kind, source_pk, chunk, vector)"
                        + " VALUES (?,?,?,?,?)");
                     Connection rd = omni.db().openReader()) {
                    try (Statement st = rd.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT pk, content, rationale, tags FROM memory_items WHERE deleted_at IS NULL")) {
                        while (rs.next()) {
                            put(ins, modelId, 0, rs.getLong(1), 0, mix(real, r));
                            made[0]++;
                        }
                    }
                    try (Statement st = rd.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT pk, role, content, blocks FROM messages WHERE role IN ('user', 'assistant') ORDER BY pk")) {
                        while (rs.next()) {
                            int chunks = Chunker.message(rs.getString(2), rs.getString(3), rs.getString(4)).size();
                            for (int i = 0; i < chunks; i++) {
                                put(ins, modelId, 1, rs.getLong(1), i, mix(real, r));
                                made[0]++;
                            }
                        }
                    }
                    ins.executeBatch();
                }
                dev.omni.core.store.Database.update(c, "DELETE FROM semantic_queue");
                dev.omni.core.store.Database.update(c, "UPDATE semantic_state SET msg_low = (SELECT coalesce(min(pk), 1) FROM messages),"
                        + " msg_high = (SELECT coalesce(max(pk), 0) FROM messages)");
                return null;
            });
            System.out.printf(Locale.ROOT, "fill: %d vectors written in %.1f s%n", made[0], (System.nanoTime() - t1) / 1e9);
            long t2 = System.nanoTime();
            SemanticIndex.Report rep = index.index(false, Progress.NONE, () -> false);
            System.out.printf(Locale.ROOT, "fill: nearest-neighbour graph built in %.1f s (complete: %s)%n", (System.nanoTime() - t2) / 1e9,
                    rep.complete());
            System.out.println("fill: " + index.status());
        }
    }

    static void put(PreparedStatement ins, int modelId, int kind, long source, int chunk, float[] v) throws java.sql.SQLException {
        ins.setInt(1, modelId);
        ins.setInt(2, kind);
        ins.setLong(3, source);
        ins.setInt(4, chunk);
        ins.setBytes(5, VectorCodec.encode(v));
        ins.addBatch();
    }

    static float[] mix(float[][] real, Random r) {
        float[] a = real[r.nextInt(real.length)];
        float[] b = real[r.nextInt(real.length)];
        float w = r.nextFloat();
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = w * a[i] + (1 - w) * b[i] + (float) (r.nextGaussian() * 0.02);
        }
        return VectorCodec.normalize(v);
    }

    static double pct(List<Double> xs, double p) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int i = (int) Math.ceil(p / 100 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    /** Hybrid search in-process on the filled store: p50/p95 (fastest of 3 per query), and the exact scan for scale. */
    static void latency(Path home, int queries, Path out) throws Exception {
        List<String> words = Files.readAllLines(home.resolveSibling("words.txt"), StandardCharsets.UTF_8);
        Random r = new Random(5);
        List<String> qs = new ArrayList<>();
        String[] real = {"websocket reconnect", "heartbeat", "retry", "backoff", "sqlite", "timeout", "snapshot", "deploy", "cache",
            "migration", "token", "daemon", "push", "login", "upload"};
        for (int i = 0; i < queries; i++) {
            switch (i % 4) {
                case 0 -> qs.add(words.get(500 + r.nextInt(1500)));
                case 1 -> qs.add(words.get(5 + r.nextInt(50)) + " " + words.get(500 + r.nextInt(1500)));
                case 2 -> qs.add(real[r.nextInt(real.length)]);
                default -> qs.add("how do we " + real[r.nextInt(real.length)] + " the " + words.get(100 + r.nextInt(400)) + "?");
            }
        }
        Files.createDirectories(out);
        Files.write(out.resolve("queries.txt"), qs, StandardCharsets.UTF_8);
        try (Omni omni = SemanticBench.open(home); SemanticIndex index = new SemanticIndex(omni)) {
            SearchService s = new SearchService(omni, index);
            long t0 = System.nanoTime();
            s.search(new SearchRequest("first", EnumSet.allOf(SearchKind.class), null, 20, null));
            System.out.printf(Locale.ROOT, "first search in a fresh JVM (store, model, graph opened): %.0f ms; graph: %s%n",
                    (System.nanoTime() - t0) / 1e6, index.graphBuilt());
            List<Double> hybrid = new ArrayList<>();
            List<Double> text = new ArrayList<>();
            List<Double> embed = new ArrayList<>();
            List<Double> nearest = new ArrayList<>();
            for (String q : qs) {
                double h = Double.MAX_VALUE;
                double tx = Double.MAX_VALUE;
                double em = Double.MAX_VALUE;
                double nn = Double.MAX_VALUE;
                for (int rep = 0; rep < 3; rep++) {
                    long a = System.nanoTime();
                    var res = s.search(new SearchRequest(q, EnumSet.allOf(SearchKind.class), null, 20, null));
                    h = Math.min(h, (System.nanoTime() - a) / 1e6);
                    if (res.mode() != SearchMode.HYBRID) {
                        throw new IllegalStateException("not hybrid: " + res);
                    }
                    long b = System.nanoTime();
                    s.search(new SearchRequest(q, EnumSet.allOf(SearchKind.class), null, 20, SearchMode.TEXT));
                    tx = Math.min(tx, (System.nanoTime() - b) / 1e6);
                    long c = System.nanoTime();
                    float[] v = index.embedQuery(q);
                    em = Math.min(em, (System.nanoTime() - c) / 1e6);
                    long d = System.nanoTime();
                    index.nearest(v, true, true, 50);
                    nn = Math.min(nn, (System.nanoTime() - d) / 1e6);
                }
                hybrid.add(h);
                text.add(tx);
                embed.add(em);
                nearest.add(nn);
            }
            // The exact scan the index uses below its graph threshold, over the first N vectors: where it stops being cheap.
            for (long n : new long[] {10_000, 25_000, 50_000, 100_000, 200_000}) {
                float[] v = index.embedQuery(qs.get(0));
                double best = Double.MAX_VALUE;
                for (int rep = 0; rep < 3; rep++) {
                    long a = System.nanoTime();
                    double[] top = {-2};
                    omni.db().read(c -> {
                        try (PreparedStatement ps = c.prepareStatement("SELECT vector FROM semantic_vectors WHERE pk <= ?")) {
                            ps.setLong(1, n);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    top[0] = Math.max(top[0], VectorCodec.cosine(v, rs.getBytes(1)));
                                }
                            }
                        }
                        return null;
                    });
                    best = Math.min(best, (System.nanoTime() - a) / 1e6);
                }
                System.out.printf(Locale.ROOT, "exact scan of %d vectors: %.1f ms%n", n, best);
            }
            System.out.printf(Locale.ROOT, "hybrid search (memory+messages+files, 20 hits): p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d queries)%n",
                    pct(hybrid, 50), pct(hybrid, 95), pct(hybrid, 100), qs.size());
            System.out.printf(Locale.ROOT, "  of which: text side alone p50 %.1f / p95 %.1f ms; query embedding p50 %.1f / p95 %.1f ms;"
                    + " nearest 50 (graph) p50 %.1f / p95 %.1f ms%n", pct(text, 50), pct(text, 95), pct(embed, 50), pct(embed, 95),
                    pct(nearest, 50), pct(nearest, 95));
        }
    }
}
