package dev.omni.core.objects;

import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes new objects. Thread-safe: many threads may insert at once. Objects written are invisible
 * until {@link #flush()} has made their bytes durable and {@link #commit(Connection)} has recorded
 * them inside the caller's transaction; {@link #close()} without commit discards them.
 */
public interface ObjectInserter extends AutoCloseable {
    /** Stores {@code data} under {@code id} (which must be its SHA-256) unless present. */
    void insert(ObjectId id, byte[] data, int offset, int length);

    /**
     * Stores a tree. Trees are kept apart from file contents, so that reading every tree of a
     * snapshot (restore, diff, fsck, push) touches a few blocks, not all of them.
     */
    default void insertTree(ObjectId id, byte[] encoded) {
        insert(id, encoded, 0, encoded.length);
    }

    default ObjectId insert(byte[] data) {
        ObjectId id = dev.omni.core.model.Hashing.sha256(data);
        insert(id, data, 0, data.length);
        return id;
    }

    /**
     * Streams an object of unknown or large size, hashing as it goes; returns its id and size. The
     * stream is read to its end.
     */
    Inserted insertStream(InputStream in) throws IOException;

    /** Whether this inserter or the store already has {@code id}. */
    boolean has(ObjectId id);

    /** Writes buffered blocks and forces everything written to disk. */
    void flush() throws IOException;

    /** Records the flushed objects in the store's index, within the caller's transaction. */
    void commit(Connection c) throws SQLException;

    /** How many new objects and raw bytes this inserter wrote. */
    long objectsWritten();

    long bytesWritten();

    @Override
    void close();

    /** The id and raw size of a streamed object. */
    record Inserted(ObjectId id, long size) {
    }
}
