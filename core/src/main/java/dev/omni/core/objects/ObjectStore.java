package dev.omni.core.objects;

import dev.omni.core.model.ObjectId;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Content-addressed storage: objects are named by the SHA-256 of their raw bytes. Writes go through
 * an {@link ObjectInserter}; nothing becomes visible before its bytes are durable.
 */
public interface ObjectStore {
    /** Objects up to this size may be read whole with {@link #read}. */
    int MAX_READ = 64 << 20;

    boolean contains(ObjectId id);

    /** Which of {@code ids} this store has. */
    Set<ObjectId> containsAll(Collection<ObjectId> ids);

    /** The raw size of an object; {@link MissingObjectException} when absent. */
    long size(ObjectId id);

    /** The whole object; for objects up to {@link #MAX_READ} bytes. */
    byte[] read(ObjectId id);

    /** A stream of the object's raw bytes (large objects are streamed, never held whole). */
    InputStream open(ObjectId id);

    /** Reads many objects, visiting each once, in storage order (each block is decompressed once). */
    void readEach(Collection<ObjectId> ids, ObjectVisitor visitor);

    ObjectInserter newInserter();

    /** Called for each object by {@link #readEach}; large objects come as a stream. */
    interface ObjectVisitor {
        void visit(ObjectId id, ObjectData data) throws java.io.IOException;
    }

    /** An object's content, either in memory or as a stream that the visitor must consume. */
    interface ObjectData {
        long size();

        /** The bytes when the object is small enough to be in memory, else null. */
        byte[] bytesOrNull();

        InputStream stream() throws java.io.IOException;
    }

    /** Where each object lives, for storage-order reads: an opaque sort key per id. */
    Map<ObjectId, Long> storageOrder(Collection<ObjectId> ids);
}
