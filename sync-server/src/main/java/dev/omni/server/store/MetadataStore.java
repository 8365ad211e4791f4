package dev.omni.server.store;

/**
 * Everything the server keeps except object bytes (and where those are). The embedded default is SQLite
 * ({@code store.sqlite}); a PostgreSQL implementation slots in behind the same interfaces for
 * installations that run several server instances.
 */
public interface MetadataStore extends AutoCloseable {
    UserRepository users();

    AuthRepository auth();

    SyncRepository sync();

    ChangeRepository changes();

    /** Where the object store keeps each user's objects. */
    ObjectIndex objectIndex();

    @Override
    void close();
}
