package dev.omni.server.store.sqlite;

import dev.omni.server.store.AuthRepository;
import dev.omni.server.store.ChangeRepository;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.store.ObjectIndex;
import dev.omni.server.store.SyncRepository;
import dev.omni.server.store.UserRepository;
import java.nio.file.Path;

/** The embedded metadata store: one SQLite file, migrated by Flyway on open. */
public final class SqliteMetadataStore implements MetadataStore {
    private final SqliteDatabase db;
    private final Path file;
    private final SqliteUsers users;
    private final SqliteAuth auth;
    private final SqliteSync sync;
    private final SqliteChanges changes;
    private final SqliteObjectIndex objectIndex;

    private SqliteMetadataStore(SqliteDatabase db, Path file) {
        this.db = db;
        this.file = file;
        this.users = new SqliteUsers(db);
        this.auth = new SqliteAuth(db);
        this.sync = new SqliteSync(db);
        this.changes = new SqliteChanges(db);
        this.objectIndex = new SqliteObjectIndex(db);
    }

    /** Opens (creating and migrating as needed) the database file. */
    public static SqliteMetadataStore open(Path file) {
        return new SqliteMetadataStore(new SqliteDatabase(file), file);
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
        db.read(c -> dev.omni.core.store.sqlite.Sql.one(c, "SELECT 1", rs -> 1));
    }

    @Override
    public String describe() {
        return "sqlite:" + file.toAbsolutePath();
    }

    @Override
    public void close() {
        db.close();
    }
}
