package dev.omni.server.storage;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.Ulid;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.objects.PackObjectStore;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.store.ObjectIndex;
import dev.omni.server.store.postgres.PostgresMetadataStore;
import dev.omni.server.store.sqlite.SqliteMetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code omni-server migrate}: moves a single-machine server (SQLite and pack files under one data
 * directory) to PostgreSQL and, when given, an S3 bucket. Metadata is copied with its ids, hashes
 * and sequence numbers (clients keep their tokens and cursors); objects are copied user by user,
 * only those the target lacks, in pack-sized groups, each verified again on the way in. Every step
 * can run again: an interrupted migration is resumed by running the same command, and a finished
 * one changes nothing. The source must not be served meanwhile (its lock is taken).
 */
public final class Migration {
    /** Batch objects up to this size travel in groups; larger ones are streamed one by one. */
    private static final long GROUPED = 4L << 20;
    private static final long GROUP_BYTES = 8L << 20;
    private static final int IDS_PER_ROUND = 2000;

    private final Path from;
    private final Storage to;
    private final PrintWriter out;
    private final Clock clock;

    public Migration(Path fromDataDir, Storage to, PrintWriter out, Clock clock) {
        if (to.database() == null) {
            throw new IllegalArgumentException("migrate needs a PostgreSQL target (--to-db)");
        }
        this.from = fromDataDir;
        this.to = to;
        this.out = out;
        this.clock = clock;
    }

    /** What a run copied. */
    public record Report(Map<String, Long> rows, long objectsCopied, long objectsPresent, long bytesCopied) {
    }

    public Report run() throws IOException {
        Path db = from.resolve("server.db");
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException("no omni server data in " + from + " (no server.db)");
        }
        try (SqliteMetadataStore source = SqliteMetadataStore.open(db);
             PackObjectStore sourceObjects = PackObjectStore.open(from, source.objectIndex(), new Ulid(clock), 1, 0);
             MetadataStore target = to.openMetadata(null)) {
            PostgresMetadataStore pg = (PostgresMetadataStore) target;
            out.println("metadata: " + from + " -> " + pg.describe());
            Map<String, Long> rows = new java.util.LinkedHashMap<>(pg.importSqliteMetadata(db));
            print(rows);
            long[] counts = new long[3];
            if (to.objects() == null) {
                out.println("objects: they stay in " + from.resolve("objects") + "; copying their index");
                Map<String, Long> index = pg.importSqliteObjectIndex(db);
                print(index);
                rows.putAll(index);
            } else {
                try (ObjectStore targetObjects = to.openObjects(target, 2, 0, clock)) {
                    out.println("objects: " + from.resolve("objects") + " -> " + targetObjects.describe());
                    for (String user : source.objectIndex().users()) {
                        copyObjects(user, source.objectIndex(), sourceObjects, targetObjects, counts);
                    }
                }
            }
            Map<String, Long> trees = pg.importSqliteCompleteTrees(db);
            rows.putAll(trees);
            out.printf(Locale.ROOT, "done: %d objects copied (%.1f MiB), %d were there already%n", counts[0],
                    counts[2] / 1048576.0, counts[1]);
            return new Report(rows, counts[0], counts[1], counts[2]);
        }
    }

    private void print(Map<String, Long> rows) {
        rows.forEach((table, n) -> out.printf(Locale.ROOT, "  %-14s %d rows%n", table, n));
        out.flush();
    }

    private void copyObjects(String user, ObjectIndex index, ObjectStore source, ObjectStore target, long[] counts)
            throws IOException {
        List<ObjectIndex.Entry> round = new ArrayList<>();
        long[] before = counts.clone();
        try {
            index.forEach(user, e -> {
                round.add(e);
                if (round.size() == IDS_PER_ROUND) {
                    copyRound(user, round, source, target, counts);
                    round.clear();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        copyRound(user, round, source, target, counts);
        out.printf(Locale.ROOT, "  user %s: %d objects copied, %d there already%n", user, counts[0] - before[0],
                counts[1] - before[1]);
        out.flush();
    }

    private static void copyRound(String user, List<ObjectIndex.Entry> round, ObjectStore source, ObjectStore target,
                                  long[] counts) {
        if (round.isEmpty()) {
            return;
        }
        List<ObjectId> ids = round.stream().map(ObjectIndex.Entry::id).toList();
        java.util.Set<ObjectId> missing = new java.util.HashSet<>(target.missing(user, ids));
        counts[1] += ids.size() - missing.size();
        try (ObjectStore.Batch batch = target.batch(user)) {
            for (ObjectIndex.Entry e : round) {
                if (!missing.contains(e.id())) {
                    continue;
                }
                Optional<ObjectStore.StoredObject> o = source.open(user, e.id());
                if (o.isEmpty()) {
                    throw new IllegalStateException("object " + e.id().hex() + " of user " + user + " vanished from the source");
                }
                try (InputStream in = o.get().stream()) {
                    if (e.size() <= GROUPED) {
                        batch.add(e.id(), in, e.size(), GROUPED);
                        if (batch.pendingBytes() >= GROUP_BYTES) {
                            batch.commit();
                        }
                    } else {
                        target.put(user, e.id(), in, e.size(), Long.MAX_VALUE);
                    }
                }
                counts[0]++;
                counts[2] += e.size();
            }
            batch.commit();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
