import com.fasterxml.jackson.core.JsonGenerator;
import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.search.SearchHit;
import dev.omni.core.search.SearchKind;
import dev.omni.core.search.SearchMode;
import dev.omni.core.search.SearchRequest;
import dev.omni.core.search.SearchService;
import dev.omni.core.semantic.Chunker;
import dev.omni.core.semantic.Embedder;
import dev.omni.core.semantic.EmbeddingModel;
import dev.omni.core.semantic.OnnxEmbedder;
import dev.omni.core.semantic.SemanticIndex;
import dev.omni.core.home.OmniHome;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The semantic-search benchmark of omni (see README.md beside this file). Compiled by run.sh with
 * the CLI's class path.
 *
 * <pre>
 *   corpus HOME                  the evaluation store: generated memory and conversations with judged.txt's facts among them
 *   quality HOME MODEL           index HOME with MODEL, run every judged query in every mode; Recall@5/10 and MRR per class
 *   throughput HOME N            embed the chunks of N messages and N/4 memory items of HOME (read only): chunks/s, CPU time
 *   fill HOME SAMPLE             give every memory item and message chunk of HOME a vector: SAMPLE of them embedded for real,
 *                                the rest mixed from those (see README), then the index state says all is done; builds the graph
 *   latency HOME QUERIES OUT     hybrid search in-process: p50/p95 per step; exact scan against the graph; writes the queries
 * </pre>
 */
public class SemanticBench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "corpus" -> corpus(Path.of(args[1]), Path.of(args[2]));
            case "quality" -> quality(Path.of(args[1]), Path.of(args[2]), args[3]);
            case "throughput" -> Speed.throughput(Path.of(args[1]), Integer.parseInt(args[2]));
            case "fill" -> Speed.fill(Path.of(args[1]), Integer.parseInt(args[2]));
            case "latency" -> Speed.latency(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static Env env(Path home, Path cwd) {
        return new Env(Map.of("OMNI_HOME", home.toString(), "TZ", "UTC"), cwd, cwd, Clock.systemUTC(), "bench");
    }

    static Omni open(Path home) {
        return Omni.at(env(home, home.getParent()), OmniHome.at(home));
    }

    // ------------------------------------------------------------------ judged.txt

    record Fact(String key, boolean memory, String type, String text) {
    }

    record Query(String cls, List<String> keys, String text) {
    }

    record Judged(Map<String, Fact> facts, List<Query> queries) {
    }

    static Judged judged(Path file) throws IOException {
        Map<String, Fact> facts = new LinkedHashMap<>();
        List<Query> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            String[] head = line.substring(0, bar).trim().split("\\s+");
            String text = line.substring(bar + 3).trim();
            switch (head[0]) {
                case "fact" -> facts.put(head[1], new Fact(head[1], head[2].equals("memory"), head.length > 3 ? head[3] : "assistant", text));
                case "para", "kw", "id" -> queries.add(new Query(head[0], List.of(head[1].split(",")), text));
                default -> throw new IllegalArgumentException("bad line: " + line);
            }
        }
        for (Query q : queries) {
            for (String k : q.keys()) {
                if (!facts.containsKey(k)) {
                    throw new IllegalArgumentException("query names unknown fact " + k + ": " + q.text());
                }
            }
        }
        return new Judged(facts, queries);
    }

    /** Words that carry no content, for the no-shared-word check of paraphrases. */
    static final Set<String> STOP = Set.of("a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "each",
            "even", "every", "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "how", "i", "if", "in",
            "into", "is", "it", "its", "just", "keep", "let", "like", "make", "made", "me", "more", "most", "my", "no", "nor", "not",
            "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "should", "so", "some",
            "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
            "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
            "whom", "why", "will", "with", "would", "you", "your", "s", "t", "don", "can't", "cannot", "still", "much", "many",
            "one", "two", "three", "thing", "things", "way", "next", "time", "new", "old", "people", "someone", "something",
            "instead", "apart", "quickly", "since", "already", "kept", "happened", "happens", "wrong");

    /** Whether two words are the same content word (a crude stemmer: equal, or the same first five letters). */
    static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String x = a.replaceAll("(ies|es|s|ed|ing|ly)$", "");
        String y = b.replaceAll("(ies|es|s|ed|ing|ly)$", "");
        if (x.equals(y)) {
            return true;
        }
        return x.length() >= 5 && y.length() >= 5 && x.substring(0, 5).equals(y.substring(0, 5));
    }

    static List<String> content(String s) {
        return Corpus.words(s).stream().filter(w -> !STOP.contains(w)).toList();
    }

    // ------------------------------------------------------------------ corpus

    static void corpus(Path home, Path judgedFile) throws Exception {
        Judged j = judged(judgedFile);
        int problems = 0;
        for (Query q : j.queries()) {
            if (!q.cls().equals("para")) {
                continue;
            }
            for (String k : q.keys()) {
                for (String w : content(q.text())) {
                    for (String v : content(j.facts().get(k).text())) {
                        if (same(w, v)) {
                            System.out.println("paraphrase shares '" + w + "'~'" + v + "' with " + k + ": " + q.text());
                            problems++;
                        }
                    }
                }
            }
        }
        if (problems > 0) {
            throw new IllegalStateException(problems + " paraphrase queries share content words with their answers");
        }
        Corpus g = new Corpus(16);
        Path base = home.getParent();
        Path ws = base.resolve("acme");
        Files.createDirectories(ws);
        List<Fact> memoryFacts = j.facts().values().stream().filter(Fact::memory).toList();
        List<Fact> messageFacts = new ArrayList<>(j.facts().values().stream().filter(f -> !f.memory()).toList());
        java.util.Collections.shuffle(messageFacts, g.r);
        int memories = 0;
        int messages = 0;
        try (Omni omni = open(home)) {
            Workspace w = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(ws, "acme", null, "cli").workspace();
            MemoryService ms = new MemoryService(omni);
            // 900 generated items, the judged ones spread among them.
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                items.add(g.memory());
            }
            for (Fact f : memoryFacts) {
                items.add(g.r.nextInt(items.size() + 1), f);
            }
            for (Object o : items) {
                if (o instanceof Fact f) {
                    ms.add(MemoryService.NewItem.of(w.projectId(), MemoryType.parse(f.type()), f.text()));
                } else {
                    String[] m = (String[]) o;
                    ms.add(new MemoryService.NewItem(g.r.nextInt(8) == 0 ? null : w.projectId(), MemoryType.parse(m[0]), m[1], m[2],
                            null, null, null, List.of(), null, null, null));
                }
                memories++;
            }
            // 120 conversations of 4-8 exchanges with tool calls; the judged answers go into them.
            Path transcripts = base.resolve("transcripts");
            Files.createDirectories(transcripts);
            List<Path> files = new ArrayList<>();
            int factIndex = 0;
            for (int c = 0; c < 120; c++) {
                Path f = transcripts.resolve(String.format("%08x-0000-4000-8000-%012x.jsonl", c, c));
                List<String[]> turns = new ArrayList<>();
                int exchanges = 4 + g.r.nextInt(5);
                for (int e = 0; e < exchanges; e++) {
                    String[] ex = g.exchange();
                    turns.add(new String[] {"user", ex[0]});
                    if (g.r.nextBoolean()) {
                        String[] t = g.tool();
                        turns.add(new String[] {"tool_use", t[0]});
                        turns.add(new String[] {"tool_result", t[1]});
                    }
                    if (factIndex < messageFacts.size() && g.r.nextInt(5) == 0) {
                        turns.add(new String[] {"assistant", messageFacts.get(factIndex++).text()});
                    } else {
                        turns.add(new String[] {"assistant", ex[1]});
                    }
                }
                if (c == 119) {
                    while (factIndex < messageFacts.size()) {
                        turns.add(new String[] {"user", "Go on."});
                        turns.add(new String[] {"assistant", messageFacts.get(factIndex++).text()});
                    }
                }
                writeClaude(f, ws.toString(), turns, c);
                files.add(f);
                messages += turns.size();
            }
            new ConversationService(omni).importPaths(files, null, Warnings.IGNORE);
        }
        System.out.printf("corpus: %d memory items (%d judged), %d messages in 120 conversations (%d judged), %d queries%n",
                memories, memoryFacts.size(), messages, messageFacts.size(), j.queries().size());
    }

    static void writeClaude(Path f, String cwd, List<String[]> turns, int conv) throws IOException {
        long start = 1_780_000_000_000L + conv * 7_200_000L;
        try (Writer out = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            String parent = null;
            for (int i = 0; i < turns.size(); i++) {
                String role = turns.get(i)[0];
                String text = turns.get(i)[1];
                String uuid = String.format("%08x-%04x-4000-8000-%012x", conv, i, (long) conv * 100_000 + i);
                JsonGenerator g = Json.FACTORY.createGenerator(out);
                g.writeStartObject();
                String type = role.equals("user") || role.equals("tool_result") ? "user" : "assistant";
                g.writeStringField("type", type);
                g.writeStringField("uuid", uuid);
                g.writeStringField("parentUuid", parent);
                g.writeStringField("sessionId", f.getFileName().toString().replace(".jsonl", ""));
                g.writeStringField("timestamp", Instant.ofEpochMilli(start + i * 20_000L).toString());
                g.writeStringField("cwd", cwd);
                g.writeObjectFieldStart("message");
                g.writeStringField("role", type);
                switch (role) {
                    case "user" -> g.writeStringField("content", text);
                    case "assistant" -> {
                        g.writeArrayFieldStart("content");
                        g.writeStartObject();
                        g.writeStringField("type", "text");
                        g.writeStringField("text", text);
                        g.writeEndObject();
                        g.writeEndArray();
                    }
                    case "tool_use" -> {
                        g.writeArrayFieldStart("content");
                        g.writeStartObject();
                        g.writeStringField("type", "tool_use");
                        g.writeStringField("id", "toolu_" + uuid);
                        g.writeStringField("name", "Bash");
                        g.writeObjectFieldStart("input");
                        g.writeStringField("command", text);
                        g.writeEndObject();
                        g.writeEndObject();
                        g.writeEndArray();
                    }
                    default -> {
                        g.writeArrayFieldStart("content");
                        g.writeStartObject();
                        g.writeStringField("type", "tool_result");
                        g.writeStringField("tool_use_id", "toolu_" + parent);
                        g.writeStringField("content", text);
                        g.writeEndObject();
                        g.writeEndArray();
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
                g.flush();
                out.write('\n');
                parent = uuid;
            }
        }
    }

    // ------------------------------------------------------------------ quality

    /** The ids (memory item or message) of each judged fact in the store, by the fact's text. */
    static Map<String, String> ids(Omni omni, Judged j) {
        Map<String, String> byText = new HashMap<>();
        for (MemoryItem m : new MemoryService(omni).list(MemoryFilter.all())) {
            byText.put(m.content(), "m:" + m.id());
        }
        ConversationService cs = new ConversationService(omni);
        for (Conversation c : cs.list(ConversationFilter.all(100_000))) {
            for (Message m : cs.messages(c.id())) {
                byText.putIfAbsent(m.content(), "c:" + m.id());
            }
        }
        Map<String, String> out = new HashMap<>();
        for (Fact f : j.facts().values()) {
            String id = byText.get(f.text());
            if (id == null) {
                throw new IllegalStateException("fact " + f.key() + " is not in the store");
            }
            out.put(f.key(), id);
        }
        return out;
    }

    static final class Score {
        int n;
        double r5;
        double r10;
        double mrr;

        void add(List<String> ranked, Set<String> relevant) {
            n++;
            int hit5 = 0;
            int hit10 = 0;
            double rr = 0;
            for (int i = 0; i < Math.min(10, ranked.size()); i++) {
                if (relevant.contains(ranked.get(i))) {
                    if (i < 5) {
                        hit5++;
                    }
                    hit10++;
                    if (rr == 0) {
                        rr = 1.0 / (i + 1);
                    }
                }
            }
            r5 += (double) hit5 / relevant.size();
            r10 += (double) hit10 / relevant.size();
            mrr += rr;
        }

        String row() {
            return String.format(Locale.ROOT, "R@5 %.3f  R@10 %.3f  MRR %.3f", r5 / n, r10 / n, mrr / n);
        }
    }

    static void quality(Path corpusHome, Path judgedFile, String modelName) throws Exception {
        Judged j = judged(judgedFile);
        EmbeddingModel model = EmbeddingModel.named(modelName).orElseThrow();
        if (!model.available()) {
            throw new IllegalStateException(modelName + " is not on the class path");
        }
        // A copy of the corpus per model, indexed once and kept (the index goes on where it stopped).
        Path home = corpusHome.resolveSibling("home-" + modelName);
        if (!Files.exists(home.resolve("omni.db"))) {
            Files.createDirectories(home);
            try (Omni omni = open(corpusHome)) {
                omni.db().read(c -> {
                    try (var st = c.createStatement()) {
                        st.execute("VACUUM INTO '" + home.resolve("omni.db").toString().replace("'", "''") + "'");
                    }
                    return null;
                });
            }
        }
        try (Omni omni = open(home); SemanticIndex index = new SemanticIndex(omni, model, Runtime.getRuntime().availableProcessors())) {
            long t0 = System.nanoTime();
            index.embedder();
            double load = (System.nanoTime() - t0) / 1e6;
            SemanticIndex.Report rep = index.index(false, Progress.NONE, () -> false);
            System.out.printf(Locale.ROOT, "model %s: loaded in %.0f ms; indexed %d memory items and %d messages = %d chunks in %.1f s"
                    + " (%.0f chunks/s)%n", model.id(), load, rep.memoryItems(), rep.messages(), rep.chunks(), rep.seconds(),
                    rep.chunksPerSecond());
            Map<String, String> ids = ids(omni, j);
            SearchService search = new SearchService(omni, index);
            Map<String, Score> scores = new LinkedHashMap<>();
            List<String> misses = new ArrayList<>();
            int[] deep = new int[4];
            for (SearchMode mode : SearchMode.values()) {
                for (Query q : j.queries()) {
                    List<SearchHit> hits = search.search(new SearchRequest(q.text(), EnumSet.of(SearchKind.MEMORY, SearchKind.MESSAGE),
                            null, 10, mode)).hits();
                    List<String> ranked = new ArrayList<>();
                    for (SearchHit h : hits) {
                        ranked.add(h.kind() == SearchKind.MEMORY ? "m:" + h.memoryId() : "c:" + h.messageId());
                    }
                    Set<String> relevant = new HashSet<>();
                    q.keys().forEach(k -> relevant.add(ids.get(k)));
                    scores.computeIfAbsent(q.cls() + " " + mode.wire(), k -> new Score()).add(ranked, relevant);
                    scores.computeIfAbsent("all " + mode.wire(), k -> new Score()).add(ranked, relevant);
                    if (mode == SearchMode.HYBRID && ranked.stream().limit(10).noneMatch(relevant::contains)) {
                        misses.add(q.cls() + ": " + q.text());
                    }
                    if (mode == SearchMode.SEMANTIC && q.cls().equals("para")) {
                        List<SearchHit> wide = search.search(new SearchRequest(q.text(), EnumSet.of(SearchKind.MEMORY, SearchKind.MESSAGE),
                                null, 100, mode)).hits();
                        int rank = 0;
                        for (int i = 0; i < wide.size() && rank == 0; i++) {
                            SearchHit h = wide.get(i);
                            if (relevant.contains(h.kind() == SearchKind.MEMORY ? "m:" + h.memoryId() : "c:" + h.messageId())) {
                                rank = i + 1;
                            }
                        }
                        deep[rank == 0 ? 3 : rank <= 10 ? 0 : rank <= 30 ? 1 : 2]++;
                    }
                }
            }
            quantization(omni, index, j, ids);
            System.out.println("class        mode      n   Recall@5  Recall@10  MRR");
            for (String cls : List.of("para", "id", "kw", "all")) {
                for (SearchMode mode : SearchMode.values()) {
                    Score s = scores.get(cls + " " + mode.wire());
                    System.out.printf(Locale.ROOT, "%-12s %-8s %3d   %.3f     %.3f      %.3f%n", label(cls), mode.wire(), s.n, s.r5 / s.n,
                            s.r10 / s.n, s.mrr / s.n);
                }
            }
            System.out.printf("paraphrases, semantic mode: first relevant hit at rank 1-10: %d, 11-30: %d, 31-100: %d, below: %d%n",
                    deep[0], deep[1], deep[2], deep[3]);
            if (!misses.isEmpty() && System.getenv("SHOW_MISSES") != null) {
                System.out.println("hybrid finds nothing relevant in its top 10 for:");
                misses.forEach(m -> System.out.println("  " + m));
            }
        }
    }

    /**
     * The semantic mode's ranking with the stored int8 vectors against the same ranking from full
     * float vectors (every chunk embedded again, ranked by exact cosine here): what quantization costs.
     */
    static void quantization(Omni omni, SemanticIndex index, Judged j, Map<String, String> ids) {
        List<String> keys = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (MemoryItem m : new MemoryService(omni).list(MemoryFilter.all())) {
            keys.add("m:" + m.id());
            texts.add(Chunker.memory(m.content(), m.rationale(), m.tags()));
        }
        ConversationService cs = new ConversationService(omni);
        for (Conversation c : cs.list(ConversationFilter.all(100_000))) {
            for (Message m : cs.messages(c.id())) {
                for (String chunk : Chunker.message(m.role().wire(), m.content(), m.blocks())) {
                    keys.add("c:" + m.id());
                    texts.add(chunk);
                }
            }
        }
        float[][] vectors = index.embedder().passages(texts);
        SearchService search = new SearchService(omni, index);
        Map<String, Score> f = new LinkedHashMap<>();
        Map<String, Score> q = new LinkedHashMap<>();
        int same = 0;
        int sameTop = 0;
        double overlap = 0;
        for (Query query : j.queries()) {
            float[] v = index.embedQuery(query.text());
            Map<String, Float> best = new HashMap<>();
            for (int i = 0; i < vectors.length; i++) {
                float dot = 0;
                for (int d = 0; d < v.length; d++) {
                    dot += v[d] * vectors[i][d];
                }
                best.merge(keys.get(i), dot, Math::max);
            }
            List<String> floatRanked = best.entrySet().stream().sorted((a, b) -> Float.compare(b.getValue(), a.getValue()))
                    .filter(e -> e.getValue() >= index.model().minCosine()).limit(10).map(Map.Entry::getKey).toList();
            List<String> int8Ranked = new ArrayList<>();
            for (SearchHit h : search.search(new SearchRequest(query.text(), EnumSet.of(SearchKind.MEMORY, SearchKind.MESSAGE), null, 10,
                    SearchMode.SEMANTIC)).hits()) {
                int8Ranked.add(h.kind() == SearchKind.MEMORY ? "m:" + h.memoryId() : "c:" + h.messageId());
            }
            Set<String> relevant = new HashSet<>();
            query.keys().forEach(k -> relevant.add(ids.get(k)));
            f.computeIfAbsent(query.cls(), k -> new Score()).add(floatRanked, relevant);
            q.computeIfAbsent(query.cls(), k -> new Score()).add(int8Ranked, relevant);
            if (new HashSet<>(floatRanked).equals(new HashSet<>(int8Ranked))) {
                same++;
            }
            if (!floatRanked.isEmpty() && !int8Ranked.isEmpty() && floatRanked.get(0).equals(int8Ranked.get(0))) {
                sameTop++;
            }
            Set<String> common = new HashSet<>(floatRanked);
            common.retainAll(int8Ranked);
            overlap += floatRanked.isEmpty() ? 1 : (double) common.size() / floatRanked.size();
        }
        System.out.println("semantic mode, int8 vectors as stored against float32 vectors (Recall@10 / MRR):");
        for (String cls : List.of("para", "id", "kw")) {
            System.out.printf(Locale.ROOT, "  %-11s float32 %.3f / %.3f   int8 %.3f / %.3f%n", label(cls), f.get(cls).r10 / f.get(cls).n,
                    f.get(cls).mrr / f.get(cls).n, q.get(cls).r10 / q.get(cls).n, q.get(cls).mrr / q.get(cls).n);
        }
        System.out.printf(Locale.ROOT, "  the same 10 hits for %d of %d queries, the same first hit for %d; on average %.1f of 10 in common%n",
                same, j.queries().size(), sameTop, 10 * overlap / j.queries().size());
    }

    static String label(String cls) {
        return switch (cls) {
            case "para" -> "paraphrase";
            case "id" -> "identifier";
            case "kw" -> "keyword";
            default -> "all";
        };
    }
}
