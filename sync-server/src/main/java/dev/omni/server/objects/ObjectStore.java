package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Object bytes, per user: one user's store never answers for another's objects. An object becomes
 * visible under its id only after its bytes were hashed, found equal to the id, and written
 * durably. The default keeps pack files on the local disk ({@link PackObjectStore}); with
 * S3-compatible storage ({@link S3ObjectStore}) any number of instances share one bucket.
 */
public interface ObjectStore extends AutoCloseable {
    boolean contains(String userId, ObjectId id);

    /** The ids of {@code ids} the user does not have, in the given order, without duplicates. */
    List<ObjectId> missing(String userId, List<ObjectId> ids);

    /**
     * Stores {@code length} bytes read from {@code in} (all of {@code in} when {@code length} is -1)
     * under {@code id}. Reads exactly that many bytes even when the object already exists, so that
     * a framed stream stays in step.
     *
     * @throws ObjectRejectedException when the bytes do not hash to {@code id} or exceed {@code maxBytes}
     */
    PutResult put(String userId, ObjectId id, InputStream in, long length, long maxBytes) throws IOException;

    /**
     * Starts a group of puts that become durable together: each {@link Batch#add} verifies its
     * object at once, {@link Batch#commit} makes every verified one visible (one round of syncs
     * for the group instead of one per object), and closing drops what was not committed.
     */
    Batch batch(String userId);

    /** A group of puts; see {@link #batch}. Not thread-safe. */
    interface Batch extends AutoCloseable {
        /**
         * Verifies and stages one object of {@code length} bytes (known: batch frames carry it);
         * STORED means it becomes visible at the next commit.
         */
        PutResult add(ObjectId id, InputStream in, long length, long maxBytes) throws IOException;

        /** Bytes staged since the last commit. */
        long pendingBytes();

        int pendingCount();

        /**
         * Makes the objects staged since the last commit visible. Returns those of them that turned
         * out to be stored already (by another upload in the meantime, on this instance or another):
         * their {@link #add} answered STORED, and they now count as EXISTED.
         */
        Set<ObjectId> commit() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The object's bytes, or empty when the user has no such object. */
    Optional<StoredObject> open(String userId, ObjectId id) throws IOException;

    /**
     * Hourly upkeep while serving: removes what uploads that died long ago left behind, where the
     * store cannot do it at start. Nothing by default.
     */
    default void housekeeping(java.time.Instant now) throws IOException {
    }

    /** Throws when the store cannot answer (for {@code /readyz}). */
    void ping() throws IOException;

    /** Where the objects are, for people. */
    String describe();

    /** Releases what the store holds (for the file store: the data directory's lock). */
    @Override
    void close() throws IOException;

    /** Whether {@link #put} stored new bytes or found the object already there. */
    enum PutResult { STORED, EXISTED }

    /** An open object: its size and a stream the caller closes. */
    record StoredObject(long size, InputStream stream) {
    }
}
