package dev.omni.core.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.search.MemorySearchRequest;
import dev.omni.core.search.MessageSearchRequest;
import dev.omni.core.search.SearchHit;
import dev.omni.core.search.SearchKind;
import dev.omni.core.search.SearchMode;
import dev.omni.core.search.SearchRequest;
import dev.omni.core.search.SearchResult;
import dev.omni.core.search.SearchService;
import dev.omni.core.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic index with the real model on a real store: what it finds, what it keeps, what it never mixes. */
class SemanticIndexTest {
    static Embedder model;

    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;
    SemanticIndex index;
    MemoryService memory;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbedder.load(EmbeddingModel.bundled().orElseThrow(), null, 2);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @BeforeEach
    void open() {
        t = new TestHome(tmp);
        omni = t.open();
        index = new SemanticIndex(omni, model.model(), 2);
        index.useEmbedder(model);
        memory = new MemoryService(omni);
    }

    @AfterEach
    void close() {
        omni.close();
    }

    MemoryItem remember(MemoryType type, String text) {
        return memory.add(MemoryService.NewItem.of(null, type, text));
    }

    /** A few dozen items about other things, so that a hit means something. */
    void distractors() {
        String[] texts = {"The API listens on port 8080 behind the nginx reverse proxy.", "Snapshots are stored as zstd-compressed packs.",
            "Always ship the dark theme as the default colour scheme.", "Use ULIDs for ids so that they sort by creation time.",
            "The billing service is owned by the payments team.", "Indent with four spaces, never tabs.",
            "Uploaded images are resized to three widths and served as WebP.", "The mobile app supports iOS 15 and Android 9.",
            "Application logs are JSON lines kept for 30 days.", "Every pull request needs one approving review.",
            "Nightly backups are encrypted and copied to a second region.", "The CSV export quotes every field.",
            "The on-call rotation changes every Monday.", "Secrets come from the vault at deploy time.",
            "Transactional emails are sent through Postmark.", "Product pages are cached at the CDN for 60 seconds.",
            "The connection pool holds at most 20 connections per service.", "Reconnecting clients resubscribe to their topics."};
        for (String s : texts) {
            remember(MemoryType.FACT, s);
        }
    }

    SearchService search() {
        return new SearchService(omni, index);
    }

    List<String> contents(SearchResult<MemoryHit> r) {
        return r.hits().stream().map(h -> h.item().content()).toList();
    }

    @Test
    void aParaphraseIsFoundThatFullTextSearchMisses() {
        distractors();
        MemoryItem backoff = remember(MemoryType.DECISION, "Push retries use exponential backoff with jitter, capped at 5 minutes.");
        index.index(false, Progress.NONE, () -> false);
        String q = "how do we keep the daemon from hammering the server?";

        SearchResult<MemoryHit> text = search().memory(new MemorySearchRequest(q, MemoryFilter.all().withLimit(5), SearchMode.TEXT, false));
        SearchResult<MemoryHit> hybrid = search().memory(new MemorySearchRequest(q, MemoryFilter.all().withLimit(5), null, false));

        assertThat(contents(text)).doesNotContain(backoff.content());
        assertThat(hybrid.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(hybrid.chosen()).isTrue();
        assertThat(contents(hybrid)).contains(backoff.content());
        assertThat(hybrid.hits().get(contents(hybrid).indexOf(backoff.content())).semanticScore()).isPositive();
    }

    @Test
    void anExactIdentifierStillRanksFirst() {
        distractors();
        remember(MemoryType.NOTE, "Connection errors from the proxy are retried three times before the sync gives up.");
        remember(MemoryType.NOTE, "The network layer logs a warning when a socket closes unexpectedly.");
        MemoryItem reset = remember(MemoryType.NOTE, "The sync worker logs ERR_CONNECTION_RESET when the proxy drops idle connections.");
        MemoryItem flush = remember(MemoryType.NOTE, "PackStore.flush must run before the index file is renamed.");
        remember(MemoryType.NOTE, "Packs are written to a temporary file and renamed when complete.");
        index.index(false, Progress.NONE, () -> false);

        for (SearchMode mode : new SearchMode[] {SearchMode.TEXT, SearchMode.HYBRID}) {
            assertThat(contents(search().memory(new MemorySearchRequest("ERR_CONNECTION_RESET", MemoryFilter.all().withLimit(5), mode,
                    false)))).first().isEqualTo(reset.content());
            assertThat(contents(search().memory(new MemorySearchRequest("PackStore.flush", MemoryFilter.all().withLimit(5), mode,
                    false)))).first().isEqualTo(flush.content());
        }
        SearchHit top = search().search(new SearchRequest("ERR_CONNECTION_RESET", EnumSet.of(SearchKind.MEMORY), null, 5,
                SearchMode.HYBRID)).hits().get(0);
        assertThat(top.memoryId()).isEqualTo(reset.id());
        assertThat(top.textScore()).isNotNull();
        assertThat(top.semanticScore()).isNotNull();
    }

    @Test
    void vectorsOfAnotherModelAreNeverComparedAndIndexingStartsOver() {
        distractors();
        for (int i = 0; i < SemanticIndex.CATCH_UP; i++) {
            remember(MemoryType.NOTE, "Note number " + i); // more than a search embeds on the spot
        }
        remember(MemoryType.DECISION, "Push retries use exponential backoff with jitter, capped at 5 minutes.");
        index.index(false, Progress.NONE, () -> false);
        long made = TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors");

        // The same network under another name and version stands for another model: its vectors are another space.
        EmbeddingModel other = new EmbeddingModel("other-model", model.model().artifact(), model.model().onnx(),
                model.model().tokenizer(), model.model().pooling(), "", "", model.model().dims(), 128, 0);
        SemanticIndex otherIndex = new SemanticIndex(omni, other, 2);
        otherIndex.useEmbedder(renamed(other));
        float[] q = otherIndex.embedQuery("how do we keep the daemon from hammering the server?");

        assertThat(otherIndex.nearest(q, true, true, 10)).isEmpty();
        assertThat(otherIndex.coverage(null).current()).isFalse();
        SearchResult<MemoryHit> auto = new SearchService(omni, otherIndex).memory(new MemorySearchRequest("backoff",
                MemoryFilter.all().withLimit(5), null, false));
        assertThat(auto.mode()).isEqualTo(SearchMode.TEXT);
        assertThat(auto.staleModel()).isTrue();
        assertThat(auto.notIndexed()).isEqualTo(made);

        SemanticIndex.Report r = otherIndex.index(false, Progress.NONE, () -> false);
        assertThat(r.reset()).isTrue();
        assertThat(TestHomes.count(omni, "SELECT count(DISTINCT model_id) FROM semantic_vectors")).isEqualTo(1);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors v JOIN semantic_models m ON m.id = v.model_id"
                + " WHERE m.model = ?", other.id())).isEqualTo(made);
        // and the first model now finds its index stale in turn
        assertThat(index.nearest(index.embedQuery("backoff"), true, true, 10)).isEmpty();
        assertThat(index.coverage(null).current()).isFalse();
    }

    /** The shared network, reporting itself as {@code m}. */
    static Embedder renamed(EmbeddingModel m) {
        return new Embedder() {
            @Override
            public EmbeddingModel model() {
                return m;
            }

            @Override
            public float[][] passages(List<String> texts) {
                return model.passages(texts);
            }

            @Override
            public float[] query(String text) {
                return model.query(text);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anInterruptedRunGoesOnWhereItStopped() {
        for (int i = 0; i < 150; i++) {
            remember(MemoryType.NOTE, "Note number " + i + " about component " + (i % 7));
        }
        AtomicInteger batches = new AtomicInteger();
        Progress counting = new Progress() {
            @Override
            public void start(String task, long total, String unit) {
            }

            @Override
            public void advance(long n) {
                batches.incrementAndGet();
            }

            @Override
            public void finish() {
            }
        };
        SemanticIndex.Report first = index.index(false, counting, () -> batches.get() >= 1);

        assertThat(first.complete()).isFalse();
        assertThat(first.memoryItems()).isEqualTo(SemanticIndex.BATCH);
        assertThat(index.status().memoryPending()).isEqualTo(150 - SemanticIndex.BATCH);

        SemanticIndex.Report second = index.index(false, Progress.NONE, () -> false);
        assertThat(second.reset()).isFalse();
        assertThat(second.memoryItems()).isEqualTo(150 - SemanticIndex.BATCH);
        assertThat(second.complete()).isTrue();
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors")).isEqualTo(150);
        assertThat(TestHomes.count(omni, "SELECT count(DISTINCT source_pk) FROM semantic_vectors")).isEqualTo(150);
        assertThat(index.index(false, Progress.NONE, () -> false).memoryItems()).isZero();
    }

    @Test
    void editingAMemoryItemReplacesItsVectorAndRemovingItDropsIt() {
        distractors();
        MemoryItem m = remember(MemoryType.FACT, "The staging database is refreshed from production every Sunday.");
        index.index(false, Progress.NONE, () -> false);
        String q = "how do we keep the daemon from hammering the server?";
        double before = index.similarity(index.embedQuery(q), true, List.of(m.id())).get(m.id()).cosine();

        memory.edit(m.id(), MemoryService.Edit.content("Push retries use exponential backoff with jitter, capped at 5 minutes."));
        assertThat(index.similarity(index.embedQuery(q), true, List.of(m.id()))).isEmpty();
        assertThat(index.coverage(null).memoryPending()).isEqualTo(1);

        index.index(false, Progress.NONE, () -> false);
        double after = index.similarity(index.embedQuery(q), true, List.of(m.id())).get(m.id()).cosine();
        assertThat(after).isGreaterThan(before);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors v JOIN memory_items i ON i.pk = v.source_pk"
                + " WHERE v.kind = 0 AND i.id = ?", m.id())).isEqualTo(1);

        memory.remove(m.id());
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors v JOIN memory_items i ON i.pk = v.source_pk"
                + " WHERE v.kind = 0 AND i.id = ?", m.id())).isZero();
        assertThat(index.coverage(null).complete()).isTrue();
        memory.restore(m.id());
        assertThat(index.coverage(null).memoryPending()).isEqualTo(1);
    }

    Path transcript(String name, String json) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    @Test
    void messagesAreEmbeddedInChunksAndRemovingAConversationDropsTheirVectors() throws Exception {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            longText.append("word").append(i).append(' ');
        }
        Path f = transcript("c.json", "{\"title\": \"retries\", \"messages\": ["
                + "{\"role\": \"user\", \"content\": \"Why does the daemon hit the server so often?\"},"
                + "{\"role\": \"assistant\", \"blocks\": [{\"type\": \"thinking\", \"thinking\": \"secret plan\"},"
                + " {\"type\": \"text\", \"text\": \"Push retries now use exponential backoff with jitter.\"},"
                + " {\"type\": \"tool_use\", \"id\": \"t1\", \"name\": \"Bash\", \"input\": {\"command\": \"ls\"}}]},"
                + "{\"role\": \"tool\", \"content\": \"a.txt b.txt\"},"
                + "{\"role\": \"user\", \"content\": \"" + longText + "\"}]}");
        ConversationService cs = new ConversationService(omni);
        cs.importPaths(List.of(f), null, Warnings.IGNORE);
        index.index(false, Progress.NONE, () -> false);

        // user 1 chunk, assistant 1 (text only), tool none, the long user message 3 windows of 150 words overlapping by 20
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors WHERE kind = 1")).isEqualTo(1 + 1 + 3);
        assertThat(Chunker.message("assistant", "x", "[{\"type\":\"thinking\",\"thinking\":\"secret plan\"},"
                + "{\"type\":\"text\",\"text\":\"visible\"},{\"type\":\"tool_result\",\"content\":\"output\"}]")).containsExactly("visible");

        SearchResult<dev.omni.core.conversation.MessageHit> r = search().messages(new MessageSearchRequest(
                "how do we stop hammering the backend?", ConversationFilter.all(3), SearchMode.SEMANTIC));
        // The assistant's message is found through its text chunk, which is its snippet: no thinking, no tool call.
        assertThat(r.hits()).anySatisfy(h -> {
            assertThat(h.seq()).isEqualTo(2);
            assertThat(h.snippet()).isEqualTo("Push retries now use exponential backoff with jitter.");
        });

        cs.remove(cs.list(ConversationFilter.all(10)).get(0).id());
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors WHERE kind = 1")).isZero();
        assertThat(index.coverage(null).complete()).isTrue();
    }

    @Test
    void aSearchWithoutAModeIsHybridWhereTheIndexCoversTheScopeElseTextWithTheCountMissing() {
        distractors();
        index.index(false, Progress.NONE, () -> false);
        for (int i = 0; i < SemanticIndex.CATCH_UP + 5; i++) {
            remember(MemoryType.NOTE, "Unindexed note " + i);
        }
        SearchResult<MemoryHit> r = search().memory(new MemorySearchRequest("note", MemoryFilter.all().withLimit(5), null, false));
        assertThat(r.mode()).isEqualTo(SearchMode.TEXT);
        assertThat(r.chosen()).isTrue();
        assertThat(r.notIndexed()).isEqualTo(SemanticIndex.CATCH_UP + 5);

        SearchResult<MemoryHit> asked = search().memory(new MemorySearchRequest("note", MemoryFilter.all().withLimit(5),
                SearchMode.HYBRID, false));
        assertThat(asked.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(asked.notIndexed()).isEqualTo(SemanticIndex.CATCH_UP + 5);

        index.index(false, Progress.NONE, () -> false);
        // A few new items are embedded by the search itself, which then runs hybrid.
        remember(MemoryType.NOTE, "One more note");
        SearchResult<MemoryHit> caught = search().memory(new MemorySearchRequest("note", MemoryFilter.all().withLimit(5), null, false));
        assertThat(caught.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(caught.notIndexed()).isZero();
        assertThat(index.status().memoryPending()).isZero();
    }

    @Test
    void vectorsAreNeverQueuedForSync() {
        distractors();
        long outbox = TestHomes.count(omni, "SELECT count(*) FROM outbox");
        index.index(false, Progress.NONE, () -> false);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors")).isPositive();
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM outbox")).isEqualTo(outbox);
        List<String> types = new ArrayList<>();
        omni.db().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT DISTINCT type FROM outbox")) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            return null;
        });
        assertThat(types).containsOnly("memory_item");
    }

    @Test
    void aLargeIndexIsSearchedThroughItsGraphAndAnswersLikeAScan() {
        String[] topics = {"cache", "queue", "retry", "login", "invoice", "upload", "theme", "backup", "search", "deploy"};
        for (int i = 0; i < 240; i++) {
            remember(MemoryType.NOTE, "Note " + i + ": the " + topics[i % topics.length] + " of component " + (i % 13) + " needs work");
        }
        MemoryItem backoff = remember(MemoryType.DECISION, "Push retries use exponential backoff with jitter, capped at 5 minutes.");
        float[] q = index.embedQuery("how do we keep the daemon from hammering the server?");
        index.index(false, Progress.NONE, () -> false);
        assertThat(index.graphBuilt()).isFalse();
        List<SemanticIndex.Neighbour> scanned = index.nearest(q, true, true, 5);

        index.graphThreshold(100);
        index.index(true, Progress.NONE, () -> false); // the rebuild makes the graph
        assertThat(index.graphBuilt()).isTrue();
        List<SemanticIndex.Neighbour> viaGraph = index.nearest(q, true, true, 5);
        assertThat(viaGraph).extracting(SemanticIndex.Neighbour::id).isEqualTo(scanned.stream().map(SemanticIndex.Neighbour::id).toList());

        // New vectors are found before the graph holds them; removed ones never come back.
        MemoryItem fresh = remember(MemoryType.DECISION, "The sync daemon waits longer after each failed push so it never floods the server.");
        index.index(false, Progress.NONE, () -> false);
        assertThat(index.nearest(q, true, true, 3)).extracting(SemanticIndex.Neighbour::id).contains(fresh.id());
        memory.remove(fresh.id());
        memory.remove(backoff.id());
        assertThat(index.nearest(q, true, true, 10)).extracting(SemanticIndex.Neighbour::id).doesNotContain(fresh.id(), backoff.id());
        assertThat(index.status().bytes()).isGreaterThan(240L * 384);
    }

    @Test
    void whatWaitsInAnotherProjectDoesNotKeepThisOneFromHybrid() {
        distractors();
        memory.add(MemoryService.NewItem.of("P-A", MemoryType.FACT, "Project A deploys on Fridays."));
        index.index(false, Progress.NONE, () -> false);
        for (int i = 0; i < SemanticIndex.CATCH_UP + 10; i++) {
            memory.add(MemoryService.NewItem.of("P-B", MemoryType.NOTE, "Project B note " + i));
        }
        SearchResult<MemoryHit> inA = search().memory(new MemorySearchRequest("deploys", MemoryFilter.applyingTo("P-A").withLimit(5),
                null, false));
        assertThat(inA.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(inA.notIndexed()).isZero();
        SearchResult<MemoryHit> everywhere = search().memory(new MemorySearchRequest("deploys", MemoryFilter.all().withLimit(5), null,
                false));
        assertThat(everywhere.mode()).isEqualTo(SearchMode.TEXT);
        assertThat(everywhere.notIndexed()).isEqualTo(SemanticIndex.CATCH_UP + 10);
    }

    @Test
    void aMessageWhoseTextChangesIsEmbeddedAgain() throws Exception {
        String key = "gh" + "p_" + "R8fK2mQ9xL4vT7wZ1cN6bH3jD5sA0eY8uP2i";
        Path f = transcript("s.json", "{\"title\": \"t\", \"messages\": [{\"role\": \"user\", \"content\": \"push with " + key
                + " please\"}, {\"role\": \"assistant\", \"content\": \"Pushed.\"}]}");
        ConversationService cs = new ConversationService(omni);
        cs.importPaths(List.of(f), null, Warnings.IGNORE, true);
        index.index(false, Progress.NONE, () -> false);
        long before = TestHomes.count(omni, "SELECT max(pk) FROM semantic_vectors WHERE kind = 1");

        assertThat(cs.sweepSecrets(true).messages()).isEqualTo(1);
        assertThat(index.coverage(null).messagesPending()).isEqualTo(1);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors WHERE kind = 1")).isEqualTo(1);

        SemanticIndex.Report r = index.index(false, Progress.NONE, () -> false);
        assertThat(r.messages()).isEqualTo(1);
        assertThat(index.coverage(null).complete()).isTrue();
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM semantic_vectors WHERE kind = 1")).isEqualTo(2);
        assertThat(TestHomes.count(omni, "SELECT max(pk) FROM semantic_vectors WHERE kind = 1")).isGreaterThan(before);
    }
}
