package dev.omni.server.store.postgres;

import dev.omni.server.store.AuthRepository;
import dev.omni.server.store.ChangeRepository;
import dev.omni.server.store.DatabaseUrl;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.store.ObjectIndex;
import dev.omni.server.store.SyncRepository;
import dev.omni.server.store.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metadata store on PostgreSQL, for any number of server instances over one database: its own
 * Flyway migrations ({@code store/postgres/migration}), a HikariCP pool, the same repository
 * interfaces as the embedded SQLite store.
 */
public final class PostgresMetadataStore implements MetadataStore {
    /** Connections per instance unless told otherwise. */
    public static final int DEFAULT_POOL = 16;
    private final PostgresDatabase db;
    private final PgUsers users;
    private final PgAuth auth;
    private final PgSync sync;
    private final PgChanges changes;
    private final PgObjectIndex objectIndex;

    private PostgresMetadataStore(PostgresDatabase db) {
        this.db = db;
        this.users = new PgUsers(db);
        this.auth = new PgAuth(db);
        this.sync = new PgSync(db);
        this.changes = new PgChanges(db);
        this.objectIndex = new PgObjectIndex(db);
    }

    /**
     * Connects (a pool of {@code poolSize}) and migrates. {@code registry}, when not null, receives
     * the pool's metrics.
     */
    public static PostgresMetadataStore open(DatabaseUrl url, int poolSize, MeterRegistry registry) {
        return new PostgresMetadataStore(new PostgresDatabase(url, poolSize, registry));
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public AuthRepository auth() {
        return auth;
    }

    @Override
    public SyncRepository sync() {
        return sync;
    }

    @Override
    public ChangeRepository changes() {
        return changes;
    }

    @Override
    public ObjectIndex objectIndex() {
        return objectIndex;
    }

    @Override
    public void ping() {
        db.ping();
    }

    @Override
    public String describe() {
        return db.url().toString();
    }

    /**
     * Copies a single-machine server's metadata ({@code server.db}) into this database, keeping ids,
     * hashes and sequence numbers; may run again to catch up. Returns rows copied per table.
     */
    public java.util.Map<String, Long> importSqliteMetadata(java.nio.file.Path serverDb) {
        return new SqliteImport(db, serverDb).metadata();
    }

    /** Copies the object index as it is, for objects that stay in the data directory's pack files. */
    public java.util.Map<String, Long> importSqliteObjectIndex(java.nio.file.Path serverDb) {
        return new SqliteImport(db, serverDb).objectIndex();
    }

    /** Copies which trees were verified complete; after the objects. */
    public java.util.Map<String, Long> importSqliteCompleteTrees(java.nio.file.Path serverDb) {
        return new SqliteImport(db, serverDb).completeTrees();
    }

    @Override
    public void close() {
        db.close();
    }
}
