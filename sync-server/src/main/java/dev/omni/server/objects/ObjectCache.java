package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw bytes of recently stored or read small objects, least recently used first out, bounded
 * in bytes. Objects are immutable and named by their hash, so an entry can never be stale; the
 * store consults it only after the index said the user has the object, so it answers nothing the
 * user could not read anyway. It saves the S3 store the round trip for the trees a snapshot check
 * reads right after their upload.
 */
final class ObjectCache {
    private final long capacity;
    private final int maxObject;
    private final LinkedHashMap<ObjectId, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ObjectCache(long capacity, int maxObject) {
        this.capacity = capacity;
        this.maxObject = maxObject;
    }

    synchronized byte[] get(ObjectId id) {
        return entries.get(id);
    }

    /** Keeps {@code raw} (not copied: the caller hands it over) when it is small enough. */
    synchronized void put(ObjectId id, byte[] raw) {
        if (capacity == 0 || raw.length > maxObject) {
            return;
        }
        byte[] old = entries.put(id, raw);
        bytes += raw.length - (old == null ? 0 : old.length);
        var it = entries.entrySet().iterator();
        while (bytes > capacity && it.hasNext()) {
            Map.Entry<ObjectId, byte[]> eldest = it.next();
            bytes -= eldest.getValue().length;
            it.remove();
        }
    }
}
