package dev.omni.server.store;

import dev.omni.core.model.ObjectId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where each user's objects are: which pack and offset, or a loose file. The object store writes
 * the bytes and makes them durable first; a row committed here is what makes an object visible.
 * Every method takes the user id, and another user's objects do not exist for it.
 */
public interface ObjectIndex {
    /**
     * One object's place. {@code pack} is null for a loose file (then {@code offset} is -1);
     * {@code offset} is that of the pack entry's header; {@code size} counts the raw bytes,
     * {@code stored} the bytes after the header (different when {@code encoding} compresses them).
     */
    record Entry(ObjectId id, String pack, long offset, long size, long stored, int encoding) {
        public boolean loose() {
            return pack == null;
        }
    }

    Optional<Entry> find(String userId, ObjectId id);

    /** The ids among {@code ids} the user has. */
    Set<ObjectId> present(String userId, Collection<ObjectId> ids);

    /**
     * In one transaction: records {@code entries} (all in {@code pack}, or all loose when
     * {@code pack} is null) and that the pack's committed part now ends at {@code packLength}. An
     * id the user already has keeps its first place. Returns the ids that were new.
     */
    Set<ObjectId> add(String userId, String pack, long packLength, List<Entry> entries);

    /** The user's packs and the length of each one's committed part. */
    Map<String, Long> packs(String userId);

    /** The users that have at least one object. */
    List<String> users();

    /** Every object of the user, in id order. */
    void forEach(String userId, Consumer<Entry> each);

    /** A fact about the data directory that was recorded with {@link #putState}. */
    Optional<String> state(String key);

    void putState(String key, String value);
}
