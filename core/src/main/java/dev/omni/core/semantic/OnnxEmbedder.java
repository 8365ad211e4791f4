package dev.omni.core.semantic;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.omni.core.OmniException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link EmbeddingModel} run by ONNX Runtime on the CPU, in this process. Texts are tokenized
 * ({@link WordPiece}), sorted by length and run in batches (less padding), pooled and scaled to
 * unit length. Nothing here opens a connection: the model, the tokenizer and ONNX Runtime's native
 * code all come from jars on the class path.
 *
 * <p>With a cache directory, the model file and ONNX Runtime's native libraries are copied there
 * once and used from there: otherwise ONNX Runtime copies 16 MB of native code to a new temporary
 * file at every start, and the model is read from its jar.
 */
public final class OnnxEmbedder implements Embedder {
    private static final int BATCH = 16;
    private final EmbeddingModel model;
    private final WordPiece tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean typeIds;

    private OnnxEmbedder(EmbeddingModel model, WordPiece tokenizer, OrtEnvironment env, OrtSession session) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Loads {@code model}. {@code cache} (may be null) keeps the extracted files; {@code threads}
     * is how many cores one batch may use (the daemon uses one).
     */
    public static OnnxEmbedder load(EmbeddingModel model, Path cache, int threads) {
        if (!model.available()) {
            throw new OmniException(OmniException.Kind.NOT_FOUND, "the embedding model " + model.name()
                    + " is not installed with this omni (its jar is missing from the class path)");
        }
        try {
            if (cache != null) {
                prepareNative(cache.resolve("native"));
            }
            WordPiece tokenizer;
            try (InputStream in = EmbeddingModel.class.getResourceAsStream(model.tokenizer())) {
                tokenizer = WordPiece.load(in);
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(Math.max(1, threads));
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Workers sleep between batches instead of spinning: on a busy machine spinning only burns
            // the CPU that other processes (and the other worker) need.
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session;
            if (cache != null) {
                Path file = cache.resolve("models").resolve(model.name() + "-" + model.version() + ".onnx");
                extract(model.onnx(), file);
                session = env.createSession(file.toString(), o);
            } else {
                byte[] bytes;
                try (InputStream in = EmbeddingModel.class.getResourceAsStream(model.onnx())) {
                    bytes = in.readAllBytes();
                }
                session = env.createSession(bytes, o);
            }
            return new OnnxEmbedder(model, tokenizer, env, session);
        } catch (IOException | OrtException | UnsatisfiedLinkError e) {
            throw new OmniException(OmniException.Kind.FAILURE, "cannot load the embedding model " + model.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public EmbeddingModel model() {
        return model;
    }

    @Override
    public float[][] passages(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<Integer> order = new ArrayList<>(texts.size());
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            ids[i] = tokenizer.encode(model.passagePrefix() + texts.get(i), model.maxTokens());
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> ids[i].length));
        for (int s = 0; s < order.size(); s += BATCH) {
            List<Integer> part = order.subList(s, Math.min(order.size(), s + BATCH));
            int[][] batch = new int[part.size()][];
            for (int k = 0; k < part.size(); k++) {
                batch[k] = ids[part.get(k)];
            }
            float[][] v = run(batch);
            for (int k = 0; k < part.size(); k++) {
                out[part.get(k)] = v[k];
            }
        }
        return out;
    }

    /** How many tokens the model sees of {@code text} as a passage ([CLS] and [SEP] included). */
    public int tokens(String text) {
        return tokenizer.encode(model.passagePrefix() + text, model.maxTokens()).length;
    }

    @Override
    public float[] query(String text) {
        return run(new int[][] {tokenizer.encode(model.queryPrefix() + text, model.maxTokens())})[0];
    }

    /** The pooled, unit-length vectors of one batch of token ids. */
    private float[][] run(int[][] batch) {
        int max = 0;
        for (int[] b : batch) {
            max = Math.max(max, b.length);
        }
        int n = batch.length;
        long[] ids = new long[n * max];
        long[] mask = new long[n * max];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < batch[k].length; j++) {
                ids[k * max + j] = batch[k][j];
                mask[k * max + j] = 1;
            }
        }
        long[] shape = {n, max};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * max]), shape));
            }
            try (OrtSession.Result r = session.run(inputs)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                float[][] out = new float[n][];
                for (int k = 0; k < n; k++) {
                    out[k] = VectorCodec.normalize(pool(hidden[k], batch[k].length));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new OmniException(OmniException.Kind.FAILURE, "the embedding model failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens, int length) {
        if (model.pooling() == EmbeddingModel.Pooling.CLS) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= length;
        }
        return sum;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing: nothing left to save
        }
    }

    /**
     * Copies ONNX Runtime's native libraries for this platform into {@code dir} once and points
     * ONNX Runtime there (it reads the property when its first class loads).
     */
    private static synchronized void prepareNative(Path dir) {
        if (System.getProperty("onnxruntime.native.path") != null) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String platform = (os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : "?") + "-"
                + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : "?");
        String base = "/ai/onnxruntime/native/" + platform + "/";
        String[] libs = {System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni")};
        try {
            for (String lib : libs) {
                if (OnnxEmbedder.class.getResource(base + lib) == null) {
                    return; // not a platform we can prepare: ONNX Runtime finds its own way
                }
            }
            String version = OrtVersion.of();
            Path target = dir.resolve("onnxruntime-" + version + "-" + platform);
            for (String lib : libs) {
                extract(base + lib, target.resolve(lib));
            }
            System.setProperty("onnxruntime.native.path", target.toString());
        } catch (IOException e) {
            // ONNX Runtime extracts them itself, to a temporary directory
        }
    }

    /** The ONNX Runtime version from its jar's manifest, so that an upgrade never loads an old library. */
    private static final class OrtVersion {
        static String of() {
            Package p = OrtEnvironment.class.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? "unknown" : v;
        }
    }

    /** Copies a class-path resource to {@code dest} unless it is there (atomically: never half a file). */
    static void extract(String resource, Path dest) throws IOException {
        if (Files.isRegularFile(dest)) {
            return;
        }
        Files.createDirectories(dest.getParent());
        try (InputStream in = OnnxEmbedder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Path tmp = Files.createTempFile(dest.getParent(), dest.getFileName().toString(), ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
