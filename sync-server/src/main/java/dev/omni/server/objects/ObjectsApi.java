package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import dev.omni.server.ErrorCode;
import dev.omni.server.Ids;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.Json;
import dev.omni.server.http.Router;
import dev.omni.wire.BatchFormat;
import dev.omni.wire.BatchResponse;
import dev.omni.wire.MalformedBatchException;
import dev.omni.wire.MediaTypes;
import dev.omni.wire.MissingRequest;
import dev.omni.wire.MissingResponse;
import dev.omni.wire.ObjectStatus;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Object upload (single and batch), the missing-object check and download. */
public final class ObjectsApi {
    /**
     * A batch becomes durable in groups of this many objects or bytes, whichever comes first:
     * big enough to share one round of syncs, small enough that a dropped connection loses
     * little of a long upload.
     */
    static final int COMMIT_OBJECTS = 256;
    static final long COMMIT_BYTES = 4L << 20;
    private final ObjectStore store;
    private final ServerOptions.Limits limits;
    private final Counter stored;
    private final Counter storedBytes;

    public ObjectsApi(ObjectStore store, ServerOptions.Limits limits, MeterRegistry registry) {
        this.store = store;
        this.limits = limits;
        this.stored = Counter.builder("omni.objects.stored").description("objects verified and stored, new to their user")
                .register(registry);
        this.storedBytes = Counter.builder("omni.objects.stored.bytes").baseUnit("bytes")
                .description("raw bytes of the objects stored").register(registry);
    }

    public void routes(Router r) {
        r.post("/v1/objects/missing", this::missing);
        r.post("/v1/objects/batch", this::batch);
        r.put("/v1/objects/{id}", this::put);
        r.get("/v1/objects/{id}", this::get);
    }

    private void missing(Exchange x) {
        MissingRequest b = Json.read(x.bodyBytes(limits.jsonBodyBytes()), MissingRequest.class);
        if (b.ids() == null) {
            throw ServerException.badRequest("ids (a list of object ids) is required");
        }
        if (b.ids().size() > limits.idsPerRequest()) {
            throw new ServerException(ErrorCode.TOO_MANY_IDS, "at most " + limits.idsPerRequest()
                    + " ids per request; ask about the rest in another");
        }
        List<ObjectId> ids = new ArrayList<>(b.ids().size());
        for (String s : b.ids()) {
            ids.add(Ids.object(s, "every id"));
        }
        x.json(200, new MissingResponse(store.missing(x.userId(), ids).stream().map(ObjectId::hex).toList()));
    }

    private void put(Exchange x) throws IOException {
        ObjectId id = Ids.object(x.param("id"), "the object id");
        try (InputStream in = x.body(limits.objectBytes())) {
            CountingStream counted = new CountingStream(in);
            ObjectStore.PutResult r = store.put(x.userId(), id, counted, -1, limits.objectBytes());
            if (r == ObjectStore.PutResult.STORED) {
                stored.increment();
                storedBytes.increment(counted.count);
            }
            x.json(r == ObjectStore.PutResult.STORED ? 201 : 200, ObjectStatus.of(id.hex(), status(r)));
        }
    }

    private static String status(ObjectStore.PutResult r) {
        return r == ObjectStore.PutResult.STORED ? ObjectStatus.STORED : ObjectStatus.EXISTS;
    }

    private void get(Exchange x) throws IOException {
        ObjectId id = Ids.object(x.param("id"), "the object id");
        ObjectStore.StoredObject o = store.open(x.userId(), id)
                .orElseThrow(() -> ServerException.notFound("object " + id.hex()));
        x.header("ETag", "\"" + id.hex() + "\"");
        x.header("Cache-Control", "private, max-age=31536000, immutable");
        x.stream(200, MediaTypes.OCTET_STREAM, o.size(), o.stream());
    }

    private void batch(Exchange x) throws IOException {
        String type = x.header("Content-Type");
        if (!MediaTypes.is(type, MediaTypes.OBJECTS_BATCH)) {
            throw new ServerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the batch as " + MediaTypes.OBJECTS_BATCH
                    + " (see BATCH-FORMAT.md)");
        }
        Results results = new Results();
        try (DataInputStream in = new DataInputStream(x.body(limits.batchBytes()));
             ObjectStore.Batch staged = store.batch(x.userId())) {
            long count = readHeader(in);
            if (count > limits.batchObjects()) {
                throw new ServerException(ErrorCode.TOO_MANY_OBJECTS, "a batch holds at most " + limits.batchObjects()
                        + " objects, not " + count);
            }
            try {
                readObjects(in, count, staged, results);
            } catch (ServerException e) {
                // What arrived whole and verified before the error is kept: a retry need not resend it.
                results.committed(staged.commit());
                throw e;
            } catch (MalformedBatchException e) {
                results.committed(staged.commit());
                throw ServerException.badRequest(e.getMessage());
            }
            results.committed(staged.commit());
        }
        List<ObjectStatus> list = results.all;
        long storedCount = list.stream().filter(r -> r.status().equals(ObjectStatus.STORED)).count();
        long existing = list.stream().filter(r -> r.status().equals(ObjectStatus.EXISTS)).count();
        long rejected = list.size() - storedCount - existing;
        stored.increment(storedCount);
        storedBytes.increment(results.storedBytes);
        String message = rejected == 0 ? null : rejected + " of " + list.size()
                + " objects did not match their ids and were not stored; the others were";
        x.json(rejected > 0 ? ErrorCode.HASH_MISMATCH.status() : 200, new BatchResponse(
                rejected > 0 ? ErrorCode.HASH_MISMATCH.wire() : null, message, storedCount, existing, rejected, list));
    }

    private static long readHeader(DataInputStream in) throws IOException {
        try {
            return BatchFormat.readHeader(in);
        } catch (MalformedBatchException e) {
            throw ServerException.badRequest(e.getMessage());
        }
    }

    /**
     * The answer's results; those staged as new since the last commit are remembered, because a
     * commit may find some of them stored meanwhile (then they are answered as existing).
     */
    private static final class Results {
        final List<ObjectStatus> all = new ArrayList<>();
        final Map<ObjectId, Integer> sinceCommit = new HashMap<>();
        final Map<ObjectId, Long> sizes = new HashMap<>();
        long storedBytes;

        void add(ObjectStatus r, ObjectId id, long size) {
            if (r.status().equals(ObjectStatus.STORED)) {
                sinceCommit.put(id, all.size());
                sizes.put(id, size);
            }
            all.add(r);
        }

        void committed(Set<ObjectId> existed) {
            for (ObjectId id : existed) {
                Integer i = sinceCommit.get(id);
                if (i != null) {
                    all.set(i, ObjectStatus.of(id.hex(), ObjectStatus.EXISTS));
                    sizes.remove(id);
                }
            }
            sizes.values().forEach(n -> storedBytes += n);
            sinceCommit.clear();
            sizes.clear();
        }
    }

    private void readObjects(DataInputStream in, long count, ObjectStore.Batch staged, Results results)
            throws IOException {
        for (long i = 0; i < count; i++) {
            try {
                BatchFormat.Frame frame = BatchFormat.readFrame(in, i, count);
                ObjectId id = ObjectId.fromBytes(frame.id());
                if (frame.length() > limits.batchObjectBytes()) {
                    throw new ServerException(ErrorCode.TOO_LARGE, "object " + (i + 1) + " (" + id.hex() + ") has "
                            + frame.length() + " bytes; a batch takes objects up to " + limits.batchObjectBytes()
                            + " bytes, send larger ones with PUT /v1/objects/{id}");
                }
                try {
                    ObjectStore.PutResult r = staged.add(id, in, frame.length(), limits.batchObjectBytes());
                    results.add(ObjectStatus.of(id.hex(), status(r)), id, frame.length());
                } catch (ObjectRejectedException e) {
                    results.add(new ObjectStatus(id.hex(), ObjectStatus.REJECTED, e.code().wire(), e.getMessage()), id, 0);
                }
            } catch (EOFException e) {
                throw BatchFormat.truncated(i, count);
            }
            if (staged.pendingBytes() >= COMMIT_BYTES || staged.pendingCount() >= COMMIT_OBJECTS) {
                results.committed(staged.commit());
            }
        }
        BatchFormat.requireEnd(in);
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
