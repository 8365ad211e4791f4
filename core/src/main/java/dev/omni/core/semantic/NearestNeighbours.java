package dev.omni.core.semantic;

import dev.omni.core.Omni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the vectors nearest a query: an exact scan of the stored vectors while the index is small.
 */
final class NearestNeighbours implements AutoCloseable {
    private final Omni omni;

    NearestNeighbours(Omni omni) {
        this.omni = omni;
    }

    List<Hit> nearest(int modelId, float[] query, boolean memory, boolean messages, int k) {
        Map<Long, Hit> best = new HashMap<>();
        omni.db().read(c -> {
            Vectors.scan(c, modelId, memory, messages, (pk, kind, source, chunk, v) -> {
                float cos = VectorCodec.cosine(query, v);
                long key = source * 2 + kind;
                Hit was = best.get(key);
                if (was == null || cos > was.cosine()) {
                    best.put(key, new Hit(kind, source, chunk, cos));
                }
            });
            return null;
        });
        List<Hit> all = new ArrayList<>(best.values());
        all.sort((a, b) -> Float.compare(b.cosine(), a.cosine()));
        return all.size() > k ? new ArrayList<>(all.subList(0, k)) : all;
    }

    /** A vector found: its source (kind, pk), which chunk, its cosine to the query. */
    record Hit(int kind, long sourcePk, int chunk, float cosine) {
    }

    /** Brings the approximate index up to date after an indexing run (none yet). */
    static void afterIndexing(SemanticIndex index) {
    }

    /** Bytes the approximate index takes on disk. */
    static long bytesOnDisk(Omni omni) {
        return 0;
    }

    @Override
    public void close() {
    }
}
