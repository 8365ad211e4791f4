package dev.omni.server.store;

/**
 * Everything the server keeps except object bytes (and where those are). The embedded default is SQLite
 * ({@code store.sqlite}); PostgreSQL ({@code store.postgres}) implements the same interfaces for
 * installations that run several server instances over one database.
 */
public interface MetadataStore extends AutoCloseable {
    UserRepository users();

    AuthRepository auth();

    SyncRepository sync();

    ChangeRepository changes();

    /** Where the object store keeps each user's objects. */
    ObjectIndex objectIndex();

    /** Throws when the store cannot answer (for {@code /readyz}). */
    void ping();

    /** Where the store is, for people (never a password). */
    String describe();

    @Override
    void close();
}
