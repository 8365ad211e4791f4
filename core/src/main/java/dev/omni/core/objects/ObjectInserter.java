package dev.omni.core.objects;

import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.io.InputStream;

/**
 * Writes new objects. Thread-safe: many threads may insert at once. Objects written are invisible
 * until {@link #flush()} has made their bytes durable and {@link #commit()} has recorded them;
 * {@link #close()} without commit discards them.
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

    /**
     * Makes the flushed objects visible. Called inside a write transaction of the store's database
     * (the usual case: a snapshot and the objects it reaches), it records them in that transaction,
     * so they appear together with what refers to them; otherwise in a transaction of its own.
     */
    void commit();

    /** How many new objects and raw bytes this inserter wrote. */
    long objectsWritten();

    long bytesWritten();

    @Override
    void close();

    /** The id and raw size of a streamed object. */
    record Inserted(ObjectId id, long size) {
    }
}
