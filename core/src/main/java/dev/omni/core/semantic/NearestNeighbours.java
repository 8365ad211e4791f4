package dev.omni.core.semantic;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the vectors nearest a query. While the index is small, by an exact scan of every stored
 * vector; from {@link #GRAPH_THRESHOLD} vectors on, through an HNSW graph ({@link HnswGraph}),
 * which the indexer builds and extends after each run. A graph search re-scores its candidates
 * exactly from the store (which drops vectors removed since the graph was written) and scans the
 * vectors newer than the graph itself, so its answers are never out of date, only approximate.
 */
final class NearestNeighbours implements AutoCloseable {
    /**
     * From this many vectors on, a graph is built and searched. Measured (bench/semantic, Java 17,
     * 384 dimensions): an exact scan of 10k vectors 5 ms, 25k 17 ms, 50k 34 ms, 100k 71 ms; the
     * graph answers in 6-10 ms at 750k. Below 25k the scan stays under a third of a search's budget.
     */
    static final long GRAPH_THRESHOLD = 25_000;
    /** A graph holding more removed vectors than this share of its own is built again. */
    static final double REBUILD_STALE = 0.25;

    private final Omni omni;
    private HnswGraph graph;

    NearestNeighbours(Omni omni) {
        this.omni = omni;
    }

    static Path graphDir(Omni omni) {
        return omni.home().cache().resolve("semantic-hnsw");
    }

    /** A vector found: its source (kind, pk), which chunk, its cosine to the query. */
    record Hit(int kind, long sourcePk, int chunk, float cosine) {
    }

    private synchronized HnswGraph graph() {
        if (graph == null && HnswGraph.exists(graphDir(omni))) {
            graph = new HnswGraph(graphDir(omni));
        }
        return graph;
    }

    List<Hit> nearest(int modelId, float[] query, boolean memory, boolean messages, int k) {
        HnswGraph g = graph();
        HnswGraph.State st = g == null ? null : g.state();
        if (st == null || st.modelId() != modelId) {
            return exact(modelId, query, memory, messages, k, 0);
        }
        Integer kind = memory && messages ? null : memory ? Vectors.MEMORY : Vectors.MESSAGE;
        int want = k * 3 + 20; // chunks: a message may hold several of the nearest
        while (true) {
            List<HnswGraph.Found> found = g.search(VectorCodec.encode(query), kind, want);
            omni.trace("graph searched (" + found.size() + " candidates)");
            Best best = new Best(query);
            List<Long> pks = new ArrayList<>();
            found.forEach(f -> pks.add(f.pk()));
            omni.db().read(c -> {
                Vectors.byPks(c, pks, best);
                Vectors.scan(c, modelId, st.upto(), memory, messages, best);
                return null;
            });
            List<Hit> top = best.top(k);
            if (top.size() >= k || found.size() < want || want >= 20_000) {
                return top;
            }
            want *= 4;
        }
    }

    private List<Hit> exact(int modelId, float[] query, boolean memory, boolean messages, int k, long after) {
        Best best = new Best(query);
        omni.db().read(c -> {
            Vectors.scan(c, modelId, after, memory, messages, best);
            return null;
        });
        return best.top(k);
    }

    /** The best chunk of each source seen, by cosine. */
    private static final class Best implements Vectors.RowSink {
        private final float[] query;
        private final Map<Long, Hit> best = new HashMap<>();

        Best(float[] query) {
            this.query = query;
        }

        @Override
        public void accept(long pk, int kind, long source, int chunk, byte[] v) {
            float cos = VectorCodec.cosine(query, v);
            long key = source * 2 + kind;
            Hit was = best.get(key);
            if (was == null || cos > was.cosine()) {
                best.put(key, new Hit(kind, source, chunk, cos));
            }
        }

        List<Hit> top(int k) {
            List<Hit> all = new ArrayList<>(best.values());
            all.sort((a, b) -> Float.compare(b.cosine(), a.cosine()));
            return all.size() > k ? new ArrayList<>(all.subList(0, k)) : all;
        }
    }

    /**
     * Brings the graph up to date after an indexing run: none while the index is small; built anew
     * when the model changed or too many of its vectors were removed; else extended with the new ones.
     */
    static void afterIndexing(Omni omni, int modelId, long threshold, Progress progress) {
        Path dir = graphDir(omni);
        long total = omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM semantic_vectors", 0));
        boolean exists = HnswGraph.exists(dir);
        if (!exists && total < threshold) {
            return;
        }
        try (HnswGraph g = new HnswGraph(dir)) {
            HnswGraph.State st = exists ? g.state() : null;
            boolean fresh = st == null || st.modelId() != modelId;
            if (!fresh) {
                long live = omni.db().read(c -> Vectors.count(c, st.upto()));
                fresh = st.docs() > 0 && (st.docs() - live) > REBUILD_STALE * st.docs();
            }
            long from = fresh ? 0 : st.upto();
            long todo = omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM semantic_vectors WHERE pk > ?", 0, from));
            if (todo == 0 && !fresh) {
                return;
            }
            progress.start("Nearest-neighbour graph", todo, "vectors");
            g.add(modelId, fresh, fresh ? 0 : st.docs(), add -> {
                long upto = from;
                // Its own connection: the build takes minutes on a large store, and others may use the shared one meanwhile.
                try (Connection c = omni.db().openReader();
                     PreparedStatement ps = c.prepareStatement("SELECT pk, kind, vector FROM semantic_vectors WHERE pk > ? AND model_id = ?"
                             + " ORDER BY pk")) {
                    ps.setLong(1, from);
                    ps.setInt(2, modelId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            upto = rs.getLong(1);
                            add.add(new HnswGraph.Entry(upto, rs.getInt(2), rs.getBytes(3)));
                            progress.advance(1);
                        }
                    }
                } catch (SQLException e) {
                    throw Database.translate("read the vectors", e);
                }
                return upto;
            });
            progress.finish();
        }
    }

    /** Bytes the graph takes on disk. */
    static long bytesOnDisk(Omni omni) {
        return HnswGraph.bytes(graphDir(omni));
    }

    @Override
    public synchronized void close() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }
}
