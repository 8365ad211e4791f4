package dev.omni.core.objects;

import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Objects in memory, for tests that want the object store's contract without its files: objects are
 * visible once an inserter commits them, and an inserter closed without commit leaves nothing.
 * Insertion order is the storage order.
 */
final class InMemoryObjectStore implements ObjectStore {
    private record Stored(byte[] bytes, long order) {
    }

    private final Map<ObjectId, Stored> objects = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    @Override
    public boolean contains(ObjectId id) {
        return objects.containsKey(id);
    }

    @Override
    public Set<ObjectId> containsAll(Collection<ObjectId> ids) {
        Set<ObjectId> found = new HashSet<>();
        for (ObjectId id : ids) {
            if (objects.containsKey(id)) {
                found.add(id);
            }
        }
        return found;
    }

    private byte[] bytes(ObjectId id) {
        Stored s = objects.get(id);
        if (s == null) {
            throw new MissingObjectException(id);
        }
        return s.bytes();
    }

    @Override
    public long size(ObjectId id) {
        return bytes(id).length;
    }

    @Override
    public byte[] read(ObjectId id) {
        byte[] b = bytes(id);
        if (b.length > MAX_READ) {
            throw new OmniException(OmniException.Kind.FAILURE, "object " + id.abbrev() + " is too large to read whole");
        }
        return b.clone();
    }

    @Override
    public InputStream open(ObjectId id) {
        return new ByteArrayInputStream(bytes(id));
    }

    @Override
    public void readEach(Collection<ObjectId> ids, ObjectVisitor visitor) {
        Map<ObjectId, Long> sorted = storageOrder(ids);
        try {
            for (ObjectId id : sorted.keySet().stream().sorted((a, b) -> Long.compare(sorted.get(a), sorted.get(b))).toList()) {
                byte[] b = objects.get(id).bytes().clone();
                visitor.visit(id, new ObjectData() {
                    @Override
                    public long size() {
                        return b.length;
                    }

                    @Override
                    public byte[] bytesOrNull() {
                        return b;
                    }

                    @Override
                    public InputStream stream() {
                        return new ByteArrayInputStream(b);
                    }
                });
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<ObjectId, Long> storageOrder(Collection<ObjectId> ids) {
        Map<ObjectId, Long> out = new HashMap<>();
        for (ObjectId id : ids) {
            Stored s = objects.get(id);
            if (s != null) {
                out.put(id, s.order());
            }
        }
        return out;
    }

    @Override
    public ObjectInserter newInserter() {
        return new Inserter();
    }

    @Override
    public long verify(Consumer<Damage> damaged, Progress progress) {
        progress.start("Checking objects", objects.size(), "objects");
        try {
            for (Map.Entry<ObjectId, Stored> e : objects.entrySet()) {
                if (!Hashing.sha256(e.getValue().bytes()).equals(e.getKey())) {
                    damaged.accept(new Damage(e.getKey(), "content does not match its id"));
                }
                progress.advance(1);
            }
            return objects.size();
        } finally {
            progress.finish();
        }
    }

    @Override
    public Collected collect(Set<ObjectId> live, Set<ObjectId> treeIds, boolean dryRun, Progress progress) {
        long before = bytesHeld();
        long dead = 0;
        long deadBytes = 0;
        for (Map.Entry<ObjectId, Stored> e : objects.entrySet()) {
            if (!live.contains(e.getKey())) {
                dead++;
                deadBytes += e.getValue().bytes().length;
            }
        }
        if (!dryRun) {
            objects.keySet().retainAll(live);
        }
        return new Collected(dead, deadBytes, 0, 0, 0, before, dryRun ? before : bytesHeld(), 0);
    }

    private long bytesHeld() {
        return objects.values().stream().mapToLong(s -> s.bytes().length).sum();
    }

    @Override
    public void invalidate() {
        // nothing is cached
    }

    @Override
    public void close() {
        // the objects live as long as the store object
    }

    /** Buffers what it is given until commit. */
    private final class Inserter implements ObjectInserter {
        private final Map<ObjectId, byte[]> pending = new ConcurrentHashMap<>();
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private volatile boolean flushed;

        @Override
        public void insert(ObjectId id, byte[] data, int offset, int length) {
            if (has(id)) {
                return;
            }
            if (pending.putIfAbsent(id, java.util.Arrays.copyOfRange(data, offset, offset + length)) == null) {
                written.incrementAndGet();
                bytes.addAndGet(length);
            }
        }

        @Override
        public Inserted insertStream(InputStream in) throws IOException {
            byte[] b = in.readAllBytes();
            ObjectId id = Hashing.sha256(b);
            insert(id, b, 0, b.length);
            return new Inserted(id, b.length);
        }

        @Override
        public boolean has(ObjectId id) {
            return pending.containsKey(id) || objects.containsKey(id);
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void commit() {
            if (!flushed) {
                throw new IllegalStateException("flush() before commit()");
            }
            for (Map.Entry<ObjectId, byte[]> e : pending.entrySet()) {
                objects.putIfAbsent(e.getKey(), new Stored(e.getValue(), order.incrementAndGet()));
            }
            pending.clear();
        }

        @Override
        public long objectsWritten() {
            return written.get();
        }

        @Override
        public long bytesWritten() {
            return bytes.get();
        }

        @Override
        public void close() {
            pending.clear();
        }
    }
}
