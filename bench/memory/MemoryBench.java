import com.fasterxml.jackson.core.JsonGenerator;
import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.home.OmniHome;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.memory.MemoryTransfer;
import dev.omni.core.search.SearchKind;
import dev.omni.core.search.SearchService;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The memory/conversation/search benchmark of omni (see README.md beside this file). A single-file
 * program: run it with the CLI's class path, {@code java -cp "$(cat app-cli/target/omni.classpath)" MemoryBench.java …}.
 *
 * <pre>
 *   generate HOME CONVERSATIONS MESSAGES_PER_CONVERSATION MEMORY_ITEMS   build the store through the real importers
 *   import-speed DIR MESSAGES                                             one transcript of MESSAGES into fresh homes
 *   search HOME QUERIES OUTDIR                                            in-process search; writes the sqlite3 script and the query list
 *   report OUTDIR                                                         p50/p95 per query class, in-process against sqlite3
 * </pre>
 */
public class MemoryBench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "import-speed" -> importSpeed(Path.of(args[1]), Integer.parseInt(args[2]));
            case "search" -> search(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            case "report" -> report(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static Env env(Path home, Path cwd) {
        return new Env(Map.of("OMNI_HOME", home.toString(), "TZ", "UTC"), cwd, cwd, Clock.systemUTC(), "bench");
    }

    static Omni open(Path home) {
        return Omni.at(env(home, home.getParent()), OmniHome.at(home));
    }

    // ---------------------------------------------------------------- generate

    static void generate(Path home, int convs, int per, int memories) throws Exception {
        Path base = home.getParent();
        Path ws = base.resolve("workspace");
        Path transcripts = base.resolve("transcripts");
        Words words = new Words(new Random(42));
        Random r = new Random(7);
        long t0 = System.nanoTime();
        // A workspace with 5,000 files, so that file paths are searched too.
        for (int i = 0; i < 5000; i++) {
            Path f = ws.resolve("src/" + words.word(r) + "/" + words.word(r) + "/" + words.word(r) + "_" + i + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "class C" + i + " {}\n");
        }
        try (Omni omni = open(home)) {
            Workspace w = new WorkspaceLifecycle(omni).init(ws, "bench", null, "cli").workspace();
            new SnapshotService(omni).take(w, SnapshotService.Options.of("bench", "cli"), Warnings.IGNORE, Progress.NONE);
            System.out.printf("workspace: 5000 files, snapshot in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            Files.createDirectories(transcripts);
            long written = 0;
            for (int c = 0; c < convs; c++) {
                Path f = transcripts.resolve(String.format("%08x-0000-4000-8000-%012x.jsonl", c, c));
                written += writeClaude(f, w.localPath().toString(), per, words, r, c);
            }
            System.out.printf("transcripts: %d files, %d messages, %.0f MiB written in %.1f s%n", convs, (long) convs * per,
                    Files.walk(transcripts).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / 1048576.0,
                    (System.nanoTime() - t1) / 1e9);

            long t2 = System.nanoTime();
            ConversationService cs = new ConversationService(omni);
            List<Path> files;
            try (var s = Files.list(transcripts)) {
                files = s.sorted().toList();
            }
            long added = 0;
            for (int i = 0; i < files.size(); i += 500) {
                for (var rep : cs.importPaths(files.subList(i, Math.min(files.size(), i + 500)), null, Warnings.IGNORE)) {
                    added += rep.added();
                }
                System.out.printf("  imported %d/%d files%n", Math.min(files.size(), i + 500), files.size());
            }
            double secs = (System.nanoTime() - t2) / 1e9;
            System.out.printf("import of %d files: %d messages in %.1f s = %.0f messages/s%n", files.size(), added, secs, added / secs);

            long t3 = System.nanoTime();
            Path jsonl = base.resolve("memory.jsonl");
            writeMemory(jsonl, memories, w.projectId(), omni.machineId(), words, r);
            MemoryTransfer.ImportReport mr = new MemoryTransfer(omni).importJsonl(jsonl, null, Warnings.IGNORE);
            System.out.printf("memory: %d items imported in %.1f s%n", mr.added(), (System.nanoTime() - t3) / 1e9);
            omni.db().checkpoint();
        }
        Files.writeString(base.resolve("words.txt"), String.join("\n", words.vocab) + "\n");
    }

    /** One Claude Code session: user turns, assistant text, tool calls and their results. */
    static long writeClaude(Path f, String cwd, int n, Words words, Random r, int conv) throws IOException {
        long day = 1_700_000_000_000L + conv * 3_600_000L;
        try (Writer out = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            String parent = null;
            for (int i = 0; i < n; i++) {
                String uuid = String.format("%08x-%04x-4000-8000-%012x", conv, i, (long) conv * 100_000 + i);
                JsonGenerator g = Json.FACTORY.createGenerator(out);
                g.writeStartObject();
                int kind = i == 0 ? 0 : r.nextInt(100);
                String type = kind < 25 ? "user" : kind < 65 ? "assistant" : kind < 85 ? "assistant" : "user";
                g.writeStringField("type", type);
                g.writeStringField("uuid", uuid);
                g.writeStringField("parentUuid", parent);
                g.writeStringField("sessionId", f.getFileName().toString().replace(".jsonl", ""));
                g.writeStringField("timestamp", Instant.ofEpochMilli(day + i * 5_000L).toString());
                g.writeStringField("cwd", cwd);
                g.writeObjectFieldStart("message");
                g.writeStringField("role", type);
                if (kind < 25) {
                    g.writeStringField("content", words.text(r, 4 + r.nextInt(40)));
                } else if (kind < 65) {
                    g.writeStringField("model", "claude-sonnet-4-5");
                    g.writeArrayFieldStart("content");
                    g.writeStartObject();
                    g.writeStringField("type", "text");
                    g.writeStringField("text", words.text(r, 10 + r.nextInt(80)));
                    g.writeEndObject();
                    g.writeEndArray();
                    usage(g, r);
                } else if (kind < 85) {
                    g.writeStringField("model", "claude-sonnet-4-5");
                    g.writeArrayFieldStart("content");
                    g.writeStartObject();
                    g.writeStringField("type", "tool_use");
                    g.writeStringField("id", "toolu_" + uuid);
                    g.writeStringField("name", "Bash");
                    g.writeObjectFieldStart("input");
                    g.writeStringField("command", "grep -rn " + words.word(r) + " src/" + words.word(r));
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndArray();
                    usage(g, r);
                } else {
                    g.writeArrayFieldStart("content");
                    g.writeStartObject();
                    g.writeStringField("type", "tool_result");
                    g.writeStringField("tool_use_id", "toolu_" + parent);
                    StringBuilder b = new StringBuilder();
                    for (int k = 0, lines = 1 + r.nextInt(6); k < lines; k++) {
                        b.append("src/").append(words.word(r)).append(".ts:").append(1 + r.nextInt(400)).append(": ")
                                .append(words.text(r, 3 + r.nextInt(8))).append('\n');
                    }
                    g.writeStringField("content", b.toString());
                    g.writeEndObject();
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeEndObject();
                g.flush();
                out.write('\n');
                parent = uuid;
            }
        }
        return n;
    }

    static void usage(JsonGenerator g, Random r) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("input_tokens", 100 + r.nextInt(4000));
        g.writeNumberField("output_tokens", 10 + r.nextInt(800));
        g.writeEndObject();
    }

    static void writeMemory(Path f, int n, String project, String device, Words words, Random r) throws IOException {
        String[] types = {"fact", "decision", "preference", "note", "skill", "event", "fact", "fact"};
        try (BufferedWriter out = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            dev.omni.core.model.Ulid ids = new dev.omni.core.model.Ulid(Clock.systemUTC());
            for (int i = 0; i < n; i++) {
                String type = types[r.nextInt(types.length)];
                String at = Instant.ofEpochMilli(1_700_000_000_000L + i * 60_000L).toString();
                StringBuilder b = new StringBuilder("{\"id\":\"").append(ids.next()).append("\",\"project_id\":")
                        .append(r.nextInt(10) == 0 ? "null" : "\"" + project + "\"").append(",\"type\":\"").append(type)
                        .append("\",\"content\":").append(Json.write(words.text(r, 8 + r.nextInt(30))))
                        .append(",\"rationale\":").append(type.equals("decision") ? Json.write(words.text(r, 6 + r.nextInt(12))) : "null")
                        .append(",\"tags\":[\"").append(words.vocab.get(r.nextInt(50))).append("\"],\"importance\":")
                        .append(r.nextInt(11) / 10.0).append(",\"created_at\":\"").append(at).append("\",\"updated_at\":\"").append(at)
                        .append("\",\"device_id\":\"").append(device).append("\",\"version\":1}");
                out.write(b.toString());
                out.write('\n');
            }
        }
    }

    /** A Zipf-distributed vocabulary of made-up words and some real ones. */
    static final class Words {
        static final String[] REAL = ("websocket reconnect heartbeat timeout retry backoff jitter database migration schema index query"
                + " cache latency throughput snapshot manifest object store sync outbox inbox conflict merge drift workspace project"
                + " memory decision preference conversation message transcript import export search ranking snippet token model"
                + " compiler gradle maven docker kubernetes deploy release branch commit review test flaky regression benchmark"
                + " parser tokenizer stemming unicode accent folding prefix phrase daemon watcher debounce credential login device").split(" ");
        static final String[] SYL = {"ka", "lo", "mi", "ne", "tor", "ex", "an", "ri", "sol", "vek", "dra", "pel", "on", "ust", "bri",
            "fen", "gal", "hum", "jor", "quin", "sa", "te", "vu", "zim", "or", "ple", "ca", "dun", "el", "fi"};
        final List<String> vocab = new ArrayList<>();
        final double[] cdf;

        Words(Random r) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            List<String> made = new ArrayList<>();
            while (made.size() < 50_000) {
                StringBuilder b = new StringBuilder();
                for (int k = 0, n = 2 + r.nextInt(3); k < n; k++) {
                    b.append(SYL[r.nextInt(SYL.length)]);
                }
                if (seen.add(b.toString())) {
                    made.add(b.toString());
                }
            }
            // real words spread over the frequency ranks, so that queries for them hit common and rare terms alike
            for (int i = 0; i < REAL.length; i++) {
                made.add(Math.min(made.size(), 20 + i * 400), REAL[i]);
            }
            vocab.addAll(made);
            cdf = new double[vocab.size()];
            double sum = 0;
            for (int i = 0; i < cdf.length; i++) {
                sum += 1.0 / Math.pow(i + 1, 1.07);
                cdf[i] = sum;
            }
            for (int i = 0; i < cdf.length; i++) {
                cdf[i] /= sum;
            }
        }

        String word(Random r) {
            int i = Arrays.binarySearch(cdf, r.nextDouble());
            return vocab.get(i < 0 ? Math.min(cdf.length - 1, -i - 1) : i);
        }

        String text(Random r, int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(r.nextInt(12) == 0 ? ". " : " ");
                }
                b.append(word(r));
            }
            return b.append('.').toString();
        }
    }

    // ---------------------------------------------------------------- import speed

    static void importSpeed(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.jsonl");
        Words words = new Words(new Random(42));
        writeClaude(file, "/srv/bench", n, words, new Random(3), 999_999);
        System.out.printf("transcript: %d messages, %.1f MiB%n", n, Files.size(file) / 1048576.0);
        for (int run = 1; run <= 3; run++) {
            Path home = dir.resolve("home-" + run);
            try (Omni omni = open(home)) {
                omni.db();
                omni.machineId();
                long t0 = System.nanoTime();
                var rep = new ConversationService(omni).importPaths(List.of(file), null, Warnings.IGNORE).get(0);
                double secs = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                var again = new ConversationService(omni).importPaths(List.of(file), null, Warnings.IGNORE).get(0);
                double re = (System.nanoTime() - t1) / 1e9;
                System.out.printf("run %d: imported %d messages in %.2f s = %.0f messages/s; re-import added %d in %.2f s%n", run,
                        rep.added(), secs, rep.added() / secs, again.added(), re);
            }
        }
        System.out.println("(next, the omni command: ./omni --home " + dir.resolve("home-cli") + " -q conv import " + file + ")");
    }

    // ---------------------------------------------------------------- search

    static void search(Path home, int count, Path out) throws Exception {
        List<String> vocab = Files.readAllLines(home.getParent().resolve("words.txt"));
        Random r = new Random(11);
        List<String> queries = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            classes.add(CLASSES[i % 8]);
            queries.add(switch (i % 8) {
                case 0 -> vocab.get(5 + r.nextInt(50));                                     // common word
                case 1 -> vocab.get(500 + r.nextInt(1500));                                 // medium
                case 2 -> vocab.get(10_000 + r.nextInt(30_000));                            // rare
                case 3 -> vocab.get(20 + r.nextInt(200)) + " " + vocab.get(300 + r.nextInt(2000));   // two words
                case 4 -> "\"" + vocab.get(r.nextInt(30)) + " " + vocab.get(r.nextInt(30)) + "\"";   // phrase
                case 5 -> vocab.get(200 + r.nextInt(2000)).substring(0, 4) + "*";           // prefix
                case 6 -> Words.REAL[r.nextInt(Words.REAL.length)];                         // a real word
                default -> Words.REAL[r.nextInt(Words.REAL.length)] + " " + Words.REAL[r.nextInt(Words.REAL.length)];
            });
        }
        Files.createDirectories(out);
        Files.write(out.resolve("queries.txt"), queries);
        Files.write(out.resolve("classes.txt"), classes);
        try (Omni omni = open(home)) {
            SearchService s = new SearchService(omni);
            ConversationService cs = new ConversationService(omni);
            EnumSet<SearchKind> all = EnumSet.allOf(SearchKind.class);
            long c0 = System.nanoTime();
            int firstHits = s.search(queries.get(0), all, null, 20).size();
            System.out.printf("first search in a fresh JVM (opens the store, refreshes the file index): %.1f ms, %d hits%n",
                    (System.nanoTime() - c0) / 1e6, firstHits);
            for (String q : queries) { // warm-up: JIT and page cache
                s.search(q, all, null, 20);
            }
            // Three passes; each query's fastest counts, so that a burst of load from other processes
            // on the machine does not decide a percentile (the sqlite3 runs are treated the same way).
            double[] one = new double[queries.size()];
            double[] msg = new double[queries.size()];
            Arrays.fill(one, Double.MAX_VALUE);
            Arrays.fill(msg, Double.MAX_VALUE);
            long hits = 0;
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < queries.size(); i++) {
                    long t0 = System.nanoTime();
                    int n = s.search(queries.get(i), all, null, 20).size();
                    one[i] = Math.min(one[i], (System.nanoTime() - t0) / 1e6);
                    long t1 = System.nanoTime();
                    cs.search(queries.get(i), ConversationFilter.all(20));
                    msg[i] = Math.min(msg[i], (System.nanoTime() - t1) / 1e6);
                    if (pass == 0) {
                        hits += n;
                    }
                }
            }
            Files.write(out.resolve("inprocess-all.ms"), Arrays.stream(one).mapToObj(Double::toString).toList());
            Files.write(out.resolve("inprocess-messages.ms"), Arrays.stream(msg).mapToObj(Double::toString).toList());
            System.out.printf("in-process one search (memory+messages+files, 20 hits, fastest of 3 passes): p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d queries, %.1f hits avg)%n",
                    pct(one, 50), pct(one, 95), pct(one, 100), queries.size(), hits / (double) queries.size());
            System.out.printf("in-process messages only: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", pct(msg, 50), pct(msg, 95), pct(msg, 100));
            String dbg = omni.db().read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM messages")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            System.out.println("messages in the store: " + dbg);
        }
        writeSqliteScript(queries, out.resolve("queries.sql"), out.resolve("messages.sql"));
    }

    /**
     * The statements SearchService runs, with the query inlined, for the sqlite3 shell: seven per
     * query in queries.sql (memory: rank window, top 20, their snippets, clean-up; messages: rank
     * window, top 20 with snippets; file paths), two in messages.sql.
     */
    static void writeSqliteScript(List<String> queries, Path allFile, Path msgFile) throws IOException {
        try (PrintWriter all = new PrintWriter(Files.newBufferedWriter(allFile)); PrintWriter msg = new PrintWriter(Files.newBufferedWriter(msgFile))) {
            all.println("CREATE TEMP TABLE top(pk INTEGER);");
            for (PrintWriter w : List.of(all, msg)) {
                w.println("CREATE TEMP TABLE fl(t TEXT PRIMARY KEY, v INTEGER);");
                w.println(".timer on");
                w.println(".output /dev/null");
            }
            int window = dev.omni.core.store.RankWindow.SIZE;
            for (String q : queries) {
                String m = "'" + FtsQuery.parse(q).replace("'", "''") + "'";
                all.println("-- " + q);
                all.println("INSERT OR REPLACE INTO fl SELECT 'mem', coalesce((SELECT rowid FROM memory_fts WHERE memory_fts MATCH " + m
                        + " ORDER BY rowid DESC LIMIT 1 OFFSET " + (window - 1) + "), 0);");
                String top = "SELECT m.pk FROM (SELECT m.pk, bm25(memory_fts, 1.0, 0.6, 1.5) AS score, m.importance, m.updated_at"
                        + " FROM memory_fts JOIN memory_items m ON m.pk = memory_fts.rowid WHERE memory_fts MATCH " + m
                        + " AND memory_fts.rowid >= (SELECT v FROM fl WHERE t = 'mem')"
                        + " AND m.deleted_at IS NULL ORDER BY round(score, 2), m.importance DESC, m.updated_at DESC LIMIT 20) AS m";
                all.println("INSERT INTO temp.top " + top + ";");
                all.println("SELECT snippet(memory_fts, -1, '[', ']', '…', 16) FROM memory_fts WHERE memory_fts MATCH " + m
                        + " AND rowid IN (SELECT pk FROM temp.top);");
                all.println("DELETE FROM temp.top;");
                String floor = "INSERT OR REPLACE INTO fl SELECT 'msg', coalesce((SELECT rowid FROM messages_fts WHERE messages_fts MATCH " + m
                        + " ORDER BY rowid DESC LIMIT 1 OFFSET " + (window - 1) + "), 0);";
                String messages = "SELECT m.id, m.seq, m.role, m.created_at, c.id, c.title, c.project_id, c.workspace_id, messages_fts.rank,"
                        + " snippet(messages_fts, 0, '[', ']', '…', 24) FROM messages_fts JOIN messages m ON m.pk = messages_fts.rowid"
                        + " JOIN conversations c ON c.pk = m.conversation_pk WHERE messages_fts MATCH " + m
                        + " AND messages_fts.rowid >= (SELECT v FROM fl WHERE t = 'msg') ORDER BY messages_fts.rank LIMIT 20;";
                all.println(floor);
                all.println(messages);
                msg.println("-- " + q);
                msg.println(floor);
                msg.println(messages);
                all.println("SELECT s.workspace_id, s.path, search_paths_fts.rank, highlight(search_paths_fts, 0, '[', ']'), st.snapshot_id"
                        + " FROM search_paths_fts JOIN search_paths s ON s.pk = search_paths_fts.rowid JOIN search_paths_state st"
                        + " ON st.workspace_id = s.workspace_id WHERE search_paths_fts MATCH " + m + " ORDER BY search_paths_fts.rank LIMIT 20;");
            }
        }
    }

    static final String[] CLASSES = {"common word", "medium word", "rare word", "two words", "phrase", "4-letter prefix*",
        "real word", "two real words"};

    static void report(Path dir) throws IOException {
        List<String> classes = Files.readAllLines(dir.resolve("classes.txt"));
        String[] files = {"inprocess-all.ms", "sqlite-all.ms", "inprocess-messages.ms", "sqlite-messages.ms"};
        List<double[]> cols = new ArrayList<>();
        for (String f : files) {
            cols.add(Files.readAllLines(dir.resolve(f)).stream().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray());
        }
        System.out.printf("%-18s %5s | %-26s | %-26s | %-26s | %-26s%n", "query class", "n", "one search, in-process", "same statements, sqlite3",
                "messages only, in-process", "messages only, sqlite3");
        List<String> order = new ArrayList<>(Arrays.asList(CLASSES));
        order.add("all");
        for (String k : order) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < classes.size(); i++) {
                if (k.equals("all") || classes.get(i).equals(k)) {
                    idx.add(i);
                }
            }
            StringBuilder b = new StringBuilder(String.format("%-18s %5d", k, idx.size()));
            for (double[] col : cols) {
                double[] v = idx.stream().filter(i -> i < col.length).mapToDouble(i -> col[i]).toArray();
                b.append(String.format(" | p50 %7.1f  p95 %7.1f ms", pct(v, 50), pct(v, 95)));
            }
            System.out.println(b);
        }
    }

    static double pct(double[] v, int p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
