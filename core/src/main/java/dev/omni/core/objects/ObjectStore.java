package dev.omni.core.objects;

import dev.omni.core.Progress;
import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Content-addressed storage: objects are named by the SHA-256 of their raw bytes. Writes go through
 * an {@link ObjectInserter}; nothing becomes visible before its bytes are durable. The local store
 * keeps them in pack files ({@link ObjectStores#packs}); tests may keep them in memory
 * ({@link ObjectStores#inMemory}), as JGit has an in-memory repository beside the file one.
 */
public interface ObjectStore extends AutoCloseable {
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

    /** Re-hashes every object; returns how many were checked. Damage goes to {@code damaged}. Callers hold the store lock. */
    long verify(Consumer<Damage> damaged, Progress progress);

    /**
     * Deletes every object not in {@code live} ({@code treeIds}: which of them are trees) and gives
     * their space back; with {@code dryRun}, only says what it would do. Callers hold the store
     * lock exclusively.
     */
    Collected collect(Set<ObjectId> live, Set<ObjectId> treeIds, boolean dryRun, Progress progress) throws IOException;

    /** Forgets what is cached of the stored bytes (open files, decompressed blocks). */
    void invalidate();

    @Override
    void close();

    /** A damaged object found by {@link #verify}. */
    record Damage(ObjectId id, String detail) {
    }

    /** What {@link #collect} did, or (dry run) would do; disk figures are the bytes the store occupies. */
    record Collected(long deadObjects, long deadBytes, int packsRewritten, int packsDeleted, long objectsMoved,
                     long diskBefore, long diskAfter, int strayFiles) {
    }
}
