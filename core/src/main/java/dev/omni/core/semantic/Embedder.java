package dev.omni.core.semantic;

import java.util.List;

/** Turns text into unit-length vectors with one model. Implementations are thread-safe. */
public interface Embedder extends AutoCloseable {
    EmbeddingModel model();

    /** One vector per text, for texts to be found (memory items, message chunks). */
    float[][] passages(List<String> texts);

    /** The vector of what someone searches for (some models want a prefix on queries). */
    float[] query(String text);

    @Override
    void close();
}
