package dev.omni.core.semantic;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.home.ProcessLocks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The semantic index of one omni home: embeds memory items and message chunks that are not embedded
 * yet ({@link #index}), says what it covers ({@link #status}, {@link #coverage}), and finds the
 * vectors nearest a query ({@link #nearest}). The model loads on first use, so a front end that
 * lives long (the desktop app, the daemon) keeps one instance; a command makes its own.
 *
 * <p>Work is committed in batches, each in one transaction with the state it advances, so an
 * interrupted run loses at most one batch and the next run goes on from there. One process indexes
 * at a time (a lock file).
 */
public final class SemanticIndex implements AutoCloseable {
    /** Memory items or messages embedded per transaction. */
    static final int BATCH = 64;
    /** When no more than this waits, a search embeds it on the spot instead of falling back to text. */
    public static final int CATCH_UP = 48;

    private final Omni omni;
    private final EmbeddingModel model;
    private final int threads;
    private Embedder embedder;
    private NearestNeighbours neighbours;
    private long graphThreshold = NearestNeighbours.GRAPH_THRESHOLD;

    /** The index of {@code omni}'s home with the model omni ships, using every core. */
    public SemanticIndex(Omni omni) {
        this(omni, EmbeddingModel.bundled().orElse(null), Runtime.getRuntime().availableProcessors());
    }

    /** {@code model} null: no model is installed (every use says so). */
    public SemanticIndex(Omni omni, EmbeddingModel model, int threads) {
        this.omni = omni;
        this.model = model;
        this.threads = threads;
    }

    public EmbeddingModel model() {
        if (model == null) {
            throw new OmniException(OmniException.Kind.NOT_FOUND, "no embedding model is installed with this omni");
        }
        return model;
    }

    /** The model, loaded on first use. */
    public synchronized Embedder embedder() {
        if (embedder == null) {
            Path cache = omni.home().cache();
            embedder = OnnxEmbedder.load(model(), cache, threads);
            omni.trace("embedding model loaded");
        }
        return embedder;
    }

    /** From how many vectors on the index keeps a nearest-neighbour graph (tests and the benchmark move it). */
    public void graphThreshold(long vectors) {
        this.graphThreshold = vectors;
    }

    /** Whether searches go through a nearest-neighbour graph (else they scan every vector). */
    public boolean graphBuilt() {
        return HnswGraph.exists(NearestNeighbours.graphDir(omni));
    }

    /** Lets a test or the benchmark run the index with an embedder of its own. */
    public synchronized void useEmbedder(Embedder e) {
        this.embedder = e;
    }

    /** What {@link #index} did. */
    public record Report(String model, boolean reset, long memoryItems, long messages, long chunks, double seconds,
                         boolean complete) {
        public double chunksPerSecond() {
            return seconds <= 0 ? 0 : chunks / seconds;
        }
    }

    /**
     * Embeds what waits: memory items first, then new messages, then older messages from the newest
     * down. {@code rebuild} (or a model different from the one the index was made with) starts over.
     * Stops between batches when {@code stop} says so; what is committed stays.
     */
    public Report index(boolean rebuild, Progress progress, BooleanSupplier stop) {
        try (ProcessLocks.Held ignored = ProcessLocks.exclusive(omni.home().locks().resolve("semantic-index.lock"), 0,
                "another omni process (the daemon?) is indexing this store now")) {
            return indexLocked(rebuild, progress, stop);
        }
    }

    /** Like {@link #index}, but does nothing (and returns null) when another process is indexing. */
    public Report indexIfIdle(Progress progress, BooleanSupplier stop) {
        try {
            return index(false, progress, stop);
        } catch (OmniException e) {
            if (e.kind() == OmniException.Kind.BUSY) {
                return null;
            }
            throw e;
        }
    }

    private Report indexLocked(boolean rebuild, Progress progress, BooleanSupplier stop) {
        EmbeddingModel m = model();
        long t0 = System.nanoTime();
        Instant now = omni.now();
        boolean[] reset = {false};
        int modelId = omni.db().write(c -> {
            int id = Vectors.modelId(c, m, now);
            Vectors.State s = Vectors.state(c);
            if (rebuild || s.modelId() == null || s.modelId() != id) {
                Vectors.reset(c, id, now);
                reset[0] = true;
            }
            Vectors.dropDeadQueueRows(c);
            return id;
        });
        Vectors.Pending pending = omni.db().read(c -> Vectors.pending(c, Vectors.state(c)));
        progress.start("Indexing", pending.total(), "items");
        long memoryDone = 0;
        long messagesDone = 0;
        long chunks = 0;
        boolean complete = false;
        try {
            while (!stop.getAsBoolean()) {
                List<Vectors.MemoryText> items = omni.db().read(c -> Vectors.queuedMemory(c, BATCH));
                if (items.isEmpty()) {
                    break;
                }
                memoryDone += storeMemory(modelId, items);
                chunks += items.size();
                progress.advance(items.size());
            }
            while (!stop.getAsBoolean()) {
                List<Vectors.MessageText> changed = omni.db().read(c -> Vectors.changedMessages(c, BATCH));
                if (changed.isEmpty()) {
                    break;
                }
                chunks += storeChanged(modelId, changed);
                messagesDone += changed.size();
                progress.advance(changed.size());
            }
            for (boolean above : new boolean[] {true, false}) {
                while (!stop.getAsBoolean()) {
                    Vectors.State s = omni.db().read(Vectors::state);
                    long from = above ? s.msgHigh() : s.msgLow();
                    List<Vectors.MessageText> batch = omni.db().read(c -> Vectors.messages(c, from, above, BATCH));
                    if (batch.isEmpty()) {
                        break;
                    }
                    chunks += storeMessages(modelId, batch, above, s);
                    messagesDone += batch.size();
                    progress.advance(batch.size());
                }
            }
            complete = !stop.getAsBoolean() && omni.db().read(c -> Vectors.pending(c, Vectors.state(c))).total() == 0;
        } finally {
            progress.finish();
        }
        if (!stop.getAsBoolean()) {
            synchronized (this) {
                if (neighbours != null) {
                    neighbours.close(); // it may hold the graph open; the next search opens the new one
                    neighbours = null;
                }
            }
            NearestNeighbours.afterIndexing(omni, modelId, graphThreshold, progress);
        }
        return new Report(m.id(), reset[0], memoryDone, messagesDone, chunks, (System.nanoTime() - t0) / 1e9, complete);
    }

    /** Embeds and stores a batch of memory items; an item edited meanwhile stays queued. */
    private long storeMemory(int modelId, List<Vectors.MemoryText> items) {
        List<String> texts = items.stream().map(Vectors.MemoryText::text).toList();
        float[][] v = embedder().passages(texts);
        return omni.db().write(c -> {
            long n = 0;
            for (int i = 0; i < items.size(); i++) {
                Vectors.MemoryText it = items.get(i);
                String now = Vectors.memoryText(c, it.pk());
                if (now == null) {
                    Vectors.dequeue(c, it.pk());
                    continue;
                }
                if (!now.equals(it.text())) {
                    continue; // changed since it was read: embedded next round
                }
                Vectors.put(c, modelId, Vectors.MEMORY, it.pk(), List.of(VectorCodec.encode(v[i])));
                Vectors.dequeue(c, it.pk());
                n++;
            }
            return n;
        });
    }

    /** Embeds again messages whose text changed (a redaction), in one transaction. */
    private long storeChanged(int modelId, List<Vectors.MessageText> batch) {
        List<String> texts = new ArrayList<>();
        for (Vectors.MessageText m : batch) {
            texts.addAll(m.chunks());
        }
        float[][] v = texts.isEmpty() ? new float[0][] : embedder().passages(texts);
        return omni.db().write(c -> {
            int k = 0;
            for (Vectors.MessageText m : batch) {
                List<byte[]> vectors = new ArrayList<>(m.chunks().size());
                for (int i = 0; i < m.chunks().size(); i++) {
                    vectors.add(VectorCodec.encode(v[k++]));
                }
                Vectors.MessageText now = Vectors.message(c, m.pk());
                if (now == null) {
                    Vectors.dequeueMessage(c, m.pk());
                } else if (now.id().equals(m.id()) && now.chunks().equals(m.chunks())) {
                    Vectors.put(c, modelId, Vectors.MESSAGE, m.pk(), vectors);
                    Vectors.dequeueMessage(c, m.pk());
                } // else: changed again meanwhile; it stays queued for the next round
            }
            return (long) texts.size();
        });
    }

    /**
     * Embeds and stores a batch of messages and moves the range done over them, in one transaction.
     * If the state moved meanwhile (messages removed), nothing is stored: the next round reads again.
     */
    private long storeMessages(int modelId, List<Vectors.MessageText> batch, boolean above, Vectors.State before) {
        List<String> texts = new ArrayList<>();
        for (Vectors.MessageText m : batch) {
            texts.addAll(m.chunks());
        }
        float[][] v = texts.isEmpty() ? new float[0][] : embedder().passages(texts);
        Instant now = omni.now();
        return omni.db().write(c -> {
            Vectors.State s = Vectors.state(c);
            if (!s.equals(before)) {
                return 0L;
            }
            int k = 0;
            long edge = above ? s.msgHigh() : s.msgLow();
            for (Vectors.MessageText m : batch) {
                List<byte[]> vectors = new ArrayList<>(m.chunks().size());
                for (int i = 0; i < m.chunks().size(); i++) {
                    vectors.add(VectorCodec.encode(v[k++]));
                }
                if (m.id().equals(Vectors.messageId(c, m.pk()))) {
                    Vectors.put(c, modelId, Vectors.MESSAGE, m.pk(), vectors);
                }
                edge = above ? Math.max(edge, m.pk()) : Math.min(edge, m.pk());
            }
            if (above) {
                Vectors.setRange(c, s.msgLow(), edge, now);
            } else {
                Vectors.setRange(c, edge, s.msgHigh(), now);
            }
            return (long) texts.size();
        });
    }

    /** What the index holds and what waits. */
    public record Status(String model, String indexedModel, boolean current, long vectors, long memoryItems, long messages,
                         long memoryPending, long messagesPending, long bytes, Instant updatedAt) {
    }

    public Status status() {
        String want = model().id();
        return omni.db().read(c -> {
            Vectors.State s = Vectors.state(c);
            String have = s.modelId() == null ? null : Vectors.modelName(c, s.modelId());
            boolean current = want.equals(have);
            Vectors.Counts n = Vectors.counts(c);
            Vectors.Pending p = current ? Vectors.pending(c, s) : Vectors.everything(c);
            long bytes = n.vectors() * (model().dims() + 24L) + NearestNeighbours.bytesOnDisk(omni);
            return new Status(want, have, current, n.vectors(), n.memoryItems(), n.messages(), p.memory(), p.messages(), bytes,
                    Vectors.updatedAt(c));
        });
    }

    /**
     * How far the index covers a scope: whether it was made with the current model, what waits in
     * the scope and in the whole store (everything, when it was made with another model or not at
     * all), whether there is anything to search by meaning at all, and whether the vectors there are
     * of another model (made by an older or newer omni).
     */
    public record Coverage(boolean current, long memoryPending, long messagesPending, long totalPending, boolean empty,
                           boolean otherModel) {
        /** Everything in the scope is indexed with the current model. */
        public boolean complete() {
            return memoryPending == 0 && messagesPending == 0;
        }

        public long pending() {
            return memoryPending + messagesPending;
        }

        /** Whether a search may embed what waits on the spot. */
        public boolean catchable() {
            return totalPending > 0 && totalPending <= CATCH_UP;
        }
    }

    /** Whether a model is installed with this omni. */
    public boolean hasModel() {
        return model != null;
    }

    /** Coverage of one project's memory and conversations ({@code projectId} null: everything). */
    public Coverage coverage(String projectId) {
        if (model == null) {
            return new Coverage(false, 0, 0, 0, true, false);
        }
        String want = model.id();
        return omni.db().read(c -> {
            Vectors.State s = Vectors.state(c);
            Integer id = Vectors.findModel(c, want);
            if (s.modelId() == null || id == null || !id.equals(s.modelId())) {
                // Made with another model, or never: everything waits.
                Vectors.Pending all = Vectors.everything(c);
                return new Coverage(false, all.memory(), all.messages(), all.total(), all.total() == 0, s.modelId() != null);
            }
            Vectors.Pending all = Vectors.pending(c, s);
            boolean empty = !Vectors.any(c);
            if (all.total() == 0) {
                return new Coverage(true, 0, 0, 0, empty, false);
            }
            Vectors.Pending in = Vectors.pendingIn(c, s, projectId);
            return new Coverage(true, in.memory(), in.messages(), all.total(), false, false);
        });
    }

    /**
     * One source found near a query: a memory item or a message, by id and pk, its best chunk and
     * that chunk's cosine similarity to the query.
     */
    public record Neighbour(boolean memory, String id, long sourcePk, int chunk, float cosine) {
    }

    /** The current model's row id when the index was made with it; null otherwise. */
    private Integer currentModelId() {
        if (model == null) {
            return null;
        }
        return omni.db().read(c -> {
            Vectors.State s = Vectors.state(c);
            Integer want = Vectors.findModel(c, model.id());
            return want != null && want.equals(s.modelId()) ? want : null;
        });
    }

    /** The query's vector (some models want a prefix on queries: the embedder adds it). */
    public float[] embedQuery(String text) {
        return embedder().query(text);
    }

    /**
     * The {@code k} memory items and/or messages nearest {@code query} (a unit vector of this
     * model), best first, each with its best chunk. Only vectors of the current model are read.
     */
    public List<Neighbour> nearest(float[] query, boolean memory, boolean messages, int k) {
        Integer id = currentModelId();
        if (id == null || (!memory && !messages)) {
            return List.of();
        }
        List<NearestNeighbours.Hit> hits = neighbours().nearest(id, query, memory, messages, k);
        java.util.Map<Long, String> memoryIds = new java.util.HashMap<>();
        java.util.Map<Long, String> messageIds = new java.util.HashMap<>();
        omni.db().read(c -> {
            List<Long> mem = new ArrayList<>();
            List<Long> msg = new ArrayList<>();
            for (NearestNeighbours.Hit h : hits) {
                (h.kind() == Vectors.MEMORY ? mem : msg).add(h.sourcePk());
            }
            memoryIds.putAll(Vectors.ids(c, Vectors.MEMORY, mem));
            messageIds.putAll(Vectors.ids(c, Vectors.MESSAGE, msg));
            return null;
        });
        List<Neighbour> out = new ArrayList<>(hits.size());
        for (NearestNeighbours.Hit h : hits) {
            boolean mem = h.kind() == Vectors.MEMORY;
            String sid = (mem ? memoryIds : messageIds).get(h.sourcePk());
            if (sid != null) {
                out.add(new Neighbour(mem, sid, h.sourcePk(), h.chunk(), h.cosine()));
            }
        }
        return out;
    }

    /** The cosine of {@code query} and the best chunk of each memory item (or message) named, for those that have vectors. */
    public java.util.Map<String, Neighbour> similarity(float[] query, boolean memory, java.util.Collection<String> ids) {
        Integer id = currentModelId();
        java.util.Map<String, Neighbour> out = new java.util.HashMap<>();
        if (id == null || ids.isEmpty()) {
            return out;
        }
        omni.db().read(c -> {
            Vectors.byIds(c, id, memory ? Vectors.MEMORY : Vectors.MESSAGE, ids, (sid, pk, chunk, v) -> {
                float cos = VectorCodec.cosine(query, v);
                Neighbour was = out.get(sid);
                if (was == null || cos > was.cosine()) {
                    out.put(sid, new Neighbour(memory, sid, pk, chunk, cos));
                }
            });
            return null;
        });
        return out;
    }

    private synchronized NearestNeighbours neighbours() {
        if (neighbours == null) {
            neighbours = new NearestNeighbours(omni);
        }
        return neighbours;
    }

    Omni omni() {
        return omni;
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            embedder.close();
            embedder = null;
        }
        if (neighbours != null) {
            neighbours.close();
            neighbours = null;
        }
    }
}
