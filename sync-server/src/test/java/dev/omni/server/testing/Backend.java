package dev.omni.server.testing;

import dev.omni.server.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The two sets of backends the conformance tests run against. */
public enum Backend {
    /** The embedded default: SQLite and pack files under the data directory. */
    SQLITE,
    /** PostgreSQL ({@link PostgresCluster}) and S3 ({@link S3Server}): a fresh database and bucket each time. */
    POSTGRES;

    /** Backends over {@code dataDir} (which holds the log, and for SQLITE everything). */
    public TestStorage create(Path dataDir) {
        if (this == SQLITE) {
            return new TestStorage(Storage.local(dataDir), null);
        }
        PostgresCluster pg = PostgresCluster.shared();
        var db = pg.newDatabase();
        String name = db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
        Storage s = Storage.local(dataDir).withDatabase(db).withObjects(S3Server.shared().newBucket(), S3Server.credentials())
                .withPoolSize(8);
        return new TestStorage(s, () -> pg.dropDatabase(name));
    }

    /**
     * The command-line options that name {@code storage}'s backends ({@code --data} and, for
     * PostgreSQL and S3, {@code --db}, {@code --db-password-file}, {@code --objects}).
     */
    public static List<String> cliArgs(Storage storage) {
        List<String> args = new ArrayList<>(List.of("--data", storage.dataDir().toString()));
        if (storage.database() != null) {
            String url = storage.database().jdbcUrl();
            args.addAll(List.of("--db", PostgresCluster.shared().publicUrl(url.substring(url.lastIndexOf('/') + 1)),
                    "--db-password-file", PostgresCluster.shared().passwordFile().toString()));
        }
        if (storage.objects() != null) {
            args.addAll(List.of("--objects", S3Server.shared().url(storage.objects())));
        }
        return args;
    }

    /** Backends made for a test, and how to throw them away. */
    public record TestStorage(Storage storage, Runnable dispose) implements AutoCloseable {
        @Override
        public void close() {
            if (dispose != null) {
                dispose.run();
            }
        }
    }
}
