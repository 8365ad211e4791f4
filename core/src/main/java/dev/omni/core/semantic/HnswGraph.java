package dev.omni.core.semantic;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;

import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * An approximate nearest-neighbour graph (HNSW, Lucene's) over the vectors of a large index: a
 * derived copy, beside the store in the cache directory, that can always be made again from the
 * vectors in SQLite. Each document is one vector: its pk, its kind (memory item or message, for
 * filtering) and its bytes. The commit records the model and the highest vector pk it holds, so
 * that a search knows which newer vectors it must scan itself and whether the graph fits the model.
 * Removed vectors stay in the graph until it is rebuilt; a search checks every candidate against
 * the store.
 */
final class HnswGraph implements AutoCloseable {
    static final String FIELD = "v";
    private static final String PK = "pk";
    private static final String KIND = "kind";

    private final Path dir;
    private Directory directory;
    private DirectoryReader reader;

    HnswGraph(Path dir) {
        this.dir = dir;
    }

    /** What the last commit holds: the model's row id, the highest vector pk, the number of vectors. */
    record State(int modelId, long upto, long docs) {
    }

    static boolean exists(Path dir) {
        return Files.isDirectory(dir) && DirectoryReaderCheck.has(dir);
    }

    /** Separated so that a store without a graph never loads Lucene's index classes. */
    private static final class DirectoryReaderCheck {
        static boolean has(Path dir) {
            try (Directory d = FSDirectory.open(dir)) {
                return DirectoryReader.indexExists(d);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** The graph's state, or null when there is none. */
    synchronized State state() {
        DirectoryReader r = reader();
        if (r == null) {
            return null;
        }
        Map<String, String> data;
        try {
            data = r.getIndexCommit().getUserData();
        } catch (IOException e) {
            return null;
        }
        try {
            return new State(Integer.parseInt(data.get("model")), Long.parseLong(data.get("upto")), Long.parseLong(data.get("docs")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private DirectoryReader reader() {
        try {
            if (reader == null) {
                if (!exists(dir)) {
                    return null;
                }
                directory = FSDirectory.open(dir);
                reader = DirectoryReader.open(directory);
            } else {
                DirectoryReader newer = DirectoryReader.openIfChanged(reader);
                if (newer != null) {
                    reader.close();
                    reader = newer;
                }
            }
            return reader;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read the nearest-neighbour graph in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A vector to add. */
    record Entry(long pk, int kind, byte[] vector) {
    }

    /** Feeds entries to a writer; returns the highest pk it gave. */
    @FunctionalInterface
    interface Feed {
        long feed(Adder add) throws IOException;
    }

    /** Receives entries. */
    @FunctionalInterface
    interface Adder {
        void add(Entry e) throws IOException;
    }

    /**
     * Adds vectors to the graph ({@code fresh}: starts a new one) and commits, recording the model,
     * the highest pk and how many vectors it holds.
     */
    synchronized void add(int modelId, boolean fresh, long docsBefore, Feed feed) {
        closeReader();
        try {
            Files.createDirectories(dir);
            IndexWriterConfig cfg = new IndexWriterConfig();
            cfg.setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            cfg.setRAMBufferSizeMB(256);
            cfg.setCommitOnClose(false);
            try (Directory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, cfg)) {
                long[] count = {fresh ? 0 : docsBefore};
                long upto = feed.feed(e -> {
                    Document doc = new Document();
                    doc.add(new StoredField(PK, e.pk()));
                    doc.add(new IntPoint(KIND, e.kind()));
                    doc.add(new KnnByteVectorField(FIELD, e.vector(), VectorSimilarityFunction.COSINE));
                    w.addDocument(doc);
                    count[0]++;
                });
                Map<String, String> data = new HashMap<>();
                data.put("model", Integer.toString(modelId));
                data.put("upto", Long.toString(upto));
                data.put("docs", Long.toString(count[0]));
                w.setLiveCommitData(data.entrySet());
                w.commit();
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write the nearest-neighbour graph in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A vector found: its pk and Lucene's score (higher is nearer). */
    record Found(long pk, float score) {
    }

    /** The {@code k} vectors nearest {@code query} (of one kind, or any when {@code kind} is null). */
    synchronized List<Found> search(byte[] query, Integer kind, int k) {
        DirectoryReader r = reader();
        List<Found> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        try {
            IndexSearcher s = new IndexSearcher(r);
            Query filter = kind == null ? null : IntPoint.newExactQuery(KIND, kind);
            TopDocs top = s.search(new KnnByteVectorQuery(FIELD, query, k, filter), k);
            var stored = s.storedFields();
            for (ScoreDoc d : top.scoreDocs) {
                out.add(new Found(stored.document(d.doc).getField(PK).numericValue().longValue(), d.score));
            }
            return out;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot search the nearest-neighbour graph in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Bytes the graph takes on disk. */
    static long bytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private void closeReader() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException ignored) {
            // a reader of a graph being replaced
        }
        reader = null;
        directory = null;
    }

    @Override
    public synchronized void close() {
        closeReader();
    }

}
