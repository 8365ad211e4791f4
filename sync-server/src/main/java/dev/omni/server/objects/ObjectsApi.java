package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import dev.omni.server.ErrorCode;
import dev.omni.server.Ids;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.Json;
import dev.omni.server.http.Router;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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

    record IdsBody(List<String> ids) {
    }

    private void missing(Exchange x) {
        IdsBody b = Json.read(x.bodyBytes(limits.jsonBodyBytes()), IdsBody.class);
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
        x.json(200, Map.of("missing", store.missing(x.userId(), ids).stream().map(ObjectId::hex).toList()));
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
            x.json(r == ObjectStore.PutResult.STORED ? 201 : 200, Map.of("id", id.hex(), "status", status(r)));
        }
    }

    private static String status(ObjectStore.PutResult r) {
        return r == ObjectStore.PutResult.STORED ? "stored" : "exists";
    }

    private void get(Exchange x) throws IOException {
        ObjectId id = Ids.object(x.param("id"), "the object id");
        ObjectStore.StoredObject o = store.open(x.userId(), id)
                .orElseThrow(() -> ServerException.notFound("object " + id.hex()));
        x.header("ETag", "\"" + id.hex() + "\"");
        x.header("Cache-Control", "private, max-age=31536000, immutable");
        x.stream(200, "application/octet-stream", o.size(), o.stream());
    }

    /** One object's outcome in a batch. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Result(String id, String status, String error, String message) {
    }

    private void batch(Exchange x) throws IOException {
        String type = x.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(BatchFormat.CONTENT_TYPE)) {
            throw new ServerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the batch as " + BatchFormat.CONTENT_TYPE
                    + " (see BATCH-FORMAT.md)");
        }
        Results results = new Results();
        try (DataInputStream in = new DataInputStream(x.body(limits.batchBytes()));
             ObjectStore.Batch staged = store.batch(x.userId())) {
            long count = BatchFormat.readHeader(in);
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
            }
            results.committed(staged.commit());
        }
        List<Result> list = results.all;
        long stored = list.stream().filter(r -> r.status().equals("stored")).count();
        long existing = list.stream().filter(r -> r.status().equals("exists")).count();
        long rejected = list.size() - stored - existing;
        this.stored.increment(stored);
        storedBytes.increment(results.storedBytes);
        Map<String, Object> body = new LinkedHashMap<>();
        if (rejected > 0) {
            body.put("error", ErrorCode.HASH_MISMATCH.wire());
            body.put("message", rejected + " of " + list.size()
                    + " objects did not match their ids and were not stored; the others were");
        }
        body.put("stored", stored);
        body.put("existing", existing);
        body.put("rejected", rejected);
        body.put("results", list);
        x.json(rejected > 0 ? ErrorCode.HASH_MISMATCH.status() : 200, body);
    }

    /**
     * The answer's results; those staged as new since the last commit are remembered, because a
     * commit may find some of them stored meanwhile (then they are answered as existing).
     */
    private static final class Results {
        final List<Result> all = new ArrayList<>();
        final Map<ObjectId, Integer> sinceCommit = new java.util.HashMap<>();
        final Map<ObjectId, Long> sizes = new java.util.HashMap<>();
        long storedBytes;

        void add(Result r, ObjectId id, long size) {
            if (r.status().equals("stored")) {
                sinceCommit.put(id, all.size());
                sizes.put(id, size);
            }
            all.add(r);
        }

        void committed(java.util.Set<ObjectId> existed) {
            for (ObjectId id : existed) {
                Integer i = sinceCommit.get(id);
                if (i != null) {
                    all.set(i, new Result(id.hex(), "exists", null, null));
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
                BatchFormat.Frame f = BatchFormat.readFrame(in);
                if (f.length() > limits.batchObjectBytes()) {
                    throw new ServerException(ErrorCode.TOO_LARGE, "object " + (i + 1) + " (" + f.id().hex() + ") has "
                            + f.length() + " bytes; a batch takes objects up to " + limits.batchObjectBytes()
                            + " bytes, send larger ones with PUT /v1/objects/{id}");
                }
                try {
                    ObjectStore.PutResult r = staged.add(f.id(), in, f.length(), limits.batchObjectBytes());
                    results.add(new Result(f.id().hex(), status(r), null, null), f.id(), f.length());
                } catch (ObjectRejectedException e) {
                    results.add(new Result(f.id().hex(), "rejected", e.code().wire(), e.getMessage()), f.id(), 0);
                }
            } catch (EOFException e) {
                throw BatchFormat.truncated(i, count);
            }
            if (staged.pendingBytes() >= COMMIT_BYTES || staged.pendingCount() >= COMMIT_OBJECTS) {
                results.committed(staged.commit());
            }
        }
        if (!BatchFormat.atEnd(in)) {
            throw ServerException.badRequest("the batch has bytes after its last object");
        }
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
