package dev.omni.server.testing;

import dev.omni.server.Storage;
import java.nio.file.Path;

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
