package dev.omni.sync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.Zstd;
import dev.omni.core.OmniException;
import dev.omni.core.model.ObjectId;
import dev.omni.wire.BatchFormat;
import dev.omni.wire.BatchResponse;
import dev.omni.wire.ChangePage;
import dev.omni.wire.ChangesAck;
import dev.omni.wire.ChangesRequest;
import dev.omni.wire.ErrorBody;
import dev.omni.wire.HeadRequest;
import dev.omni.wire.HeadView;
import dev.omni.wire.MediaTypes;
import dev.omni.wire.MissingRequest;
import dev.omni.wire.MissingResponse;
import dev.omni.wire.ObjectStatus;
import dev.omni.wire.ProjectList;
import dev.omni.wire.ProjectRequest;
import dev.omni.wire.ProjectView;
import dev.omni.wire.SnapshotPage;
import dev.omni.wire.SnapshotRequest;
import dev.omni.wire.SnapshotView;
import dev.omni.wire.UserView;
import dev.omni.wire.WireJson;
import dev.omni.wire.WorkspaceList;
import dev.omni.wire.WorkspaceRequest;
import dev.omni.wire.WorkspaceView;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The omni server's API over {@link HttpClient}, as PROTOCOL.md and the server's README describe
 * it, with the bodies of dev.omni.wire (the types the server reads and writes). Every call is
 * idempotent on the server, so a call that fails for the network, a 503 or a 429 is tried again
 * with exponential backoff and jitter until {@link Retry} gives up. Errors become
 * {@link OmniException}s with a message for people: NETWORK when the server cannot be reached,
 * AUTH for 401, the server's own message otherwise.
 */
public final class ServerClient {
    /** zstd level of batch bodies on the wire: fast, and most of what level 19 would save on source code. */
    private static final int WIRE_LEVEL = 1;

    private final HttpClient http;
    private final URI server;
    private final String api;
    private final String token;
    private final Retry retry;
    private volatile boolean compressBatches = true;

    public ServerClient(HttpClient http, URI server, String apiBase, String token, Retry retry) {
        this.http = http;
        this.server = server;
        this.api = server.toString().replaceAll("/+$", "") + (apiBase.startsWith("/") ? apiBase : "/" + apiBase);
        this.token = token;
        this.retry = retry;
    }

    public static HttpClient newHttp() {
        HttpThreads.markUsed();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI server() {
        return server;
    }

    /** An error answer of the server: its status, error code and message (and the whole body). */
    public static final class ApiException extends OmniException {
        private final int status;
        private final String code;
        private final JsonNode body;

        ApiException(Kind kind, int status, String code, String message, JsonNode body) {
            super(kind, status == 401 ? Reason.LOGIN_EXPIRED : null, message);
            this.status = status;
            this.code = code;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public JsonNode body() {
            return body;
        }
    }

    // ------------------------------------------------------------------ the API

    public UserView me() {
        return read(get("/me"), UserView.class);
    }

    public ProjectView putProject(String id, String name, String mainWorkspaceId) {
        return read(send("PUT", "/projects/" + id, new ProjectRequest(name, mainWorkspaceId)), ProjectView.class);
    }

    public List<ProjectView> projects() {
        return listOf(read(get("/projects"), ProjectList.class).projects());
    }

    public WorkspaceView putWorkspace(String id, WorkspaceRequest body) {
        return read(send("PUT", "/workspaces/" + id, body), WorkspaceView.class);
    }

    public List<WorkspaceView> workspaces(String projectId) {
        return listOf(read(get("/projects/" + projectId + "/workspaces"), WorkspaceList.class).workspaces());
    }

    /** Which of {@code ids} (at most {@link dev.omni.wire.ProtocolLimits#IDS_PER_REQUEST}) the server does not have. */
    public List<ObjectId> missing(List<ObjectId> ids) {
        MissingRequest b = new MissingRequest(ids.stream().map(ObjectId::hex).toList());
        List<ObjectId> out = new ArrayList<>();
        for (String hex : listOf(read(send("POST", "/objects/missing", b), MissingResponse.class).missing())) {
            out.add(parseId(hex));
        }
        return out;
    }

    /** Stores one object, streamed; {@code body} opens its bytes again for a retry. */
    public void putObject(ObjectId id, long size, Supplier<InputStream> body) {
        call("PUT /objects/" + id.abbrev(), () -> HttpRequest.newBuilder(uri("/objects/" + id.hex()))
                .header("Content-Type", MediaTypes.OCTET_STREAM)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), size)));
    }

    /**
     * Stores many small objects in one framed request (BATCH-FORMAT.md); returns the ids the server
     * rejected, and adds the bytes that went over the wire to {@code sent}. The body is zstd-compressed ({@code Content-Encoding: zstd}); a server that answers 415 to
     * that gets this and every later batch uncompressed.
     */
    public List<ObjectId> batch(List<ObjectId> ids, List<byte[]> data, LongAdder sent) {
        byte[] plain = BatchFormat.encode(ids.stream().map(ObjectId::toBytes).toList(), data);
        HttpResponse<byte[]> r = null;
        if (compressBatches) {
            byte[] packed = Zstd.compress(plain, WIRE_LEVEL);
            r = callAllowing("POST /objects/batch", () -> HttpRequest.newBuilder(uri("/objects/batch"))
                    .header("Content-Type", MediaTypes.OBJECTS_BATCH).header("Content-Encoding", MediaTypes.ZSTD)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(packed)), 422, 415);
            if (r.statusCode() == 415) {
                compressBatches = false;
                r = null;
            } else if (sent != null) {
                sent.add(packed.length);
            }
        }
        if (r == null) {
            r = callAllowing("POST /objects/batch", () -> HttpRequest.newBuilder(uri("/objects/batch"))
                    .header("Content-Type", MediaTypes.OBJECTS_BATCH).POST(HttpRequest.BodyPublishers.ofByteArray(plain)), 422);
            if (sent != null) {
                sent.add(plain.length);
            }
        }
        List<ObjectId> rejected = new ArrayList<>();
        for (ObjectStatus s : listOf(read(r, BatchResponse.class).results())) {
            if (s.rejected()) {
                rejected.add(parseId(s.id()));
            }
        }
        return rejected;
    }

    public InputStream getObject(ObjectId id) {
        return retry.run("GET /objects/" + id.abbrev(), () -> {
            HttpResponse<InputStream> r = http.send(auth(HttpRequest.newBuilder(uri("/objects/" + id.hex()))).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() / 100 != 2) {
                byte[] b;
                try (InputStream in = r.body()) {
                    b = in.readAllBytes();
                }
                throw error(r.statusCode(), b, "GET /objects/" + id.abbrev());
            }
            return r.body();
        });
    }

    public SnapshotView putSnapshot(String id, SnapshotRequest body) {
        return read(send("PUT", "/snapshots/" + id, body), SnapshotView.class);
    }

    public SnapshotPage snapshots(String projectId, String after, int limit) {
        SnapshotPage p = read(get("/projects/" + projectId + "/snapshots?" + query(after, limit, null)), SnapshotPage.class);
        return new SnapshotPage(listOf(p.snapshots()), p.nextCursor(), p.hasMore());
    }

    /** The server's answer to a head move that found another head. */
    public static final class StaleHead extends OmniException {
        private final String snapshotId;
        private final long version;

        StaleHead(String snapshotId, long version, String message) {
            super(Kind.CONFLICT, message);
            this.snapshotId = snapshotId;
            this.version = version;
        }

        public String snapshotId() {
            return snapshotId;
        }

        public long version() {
            return version;
        }
    }

    /** Moves a workspace's head; returns the new version. {@link StaleHead} when someone else moved it. */
    public long moveHead(String workspaceId, String snapshotId, long expectedVersion) {
        HeadRequest b = new HeadRequest(snapshotId, expectedVersion);
        try {
            return read(send("POST", "/workspaces/" + workspaceId + "/head", b), HeadView.class).version();
        } catch (ApiException e) {
            if (e.status() == 409 && HeadView.STALE_VERSION.equals(e.code())) {
                throw new StaleHead(e.body().path("snapshot_id").asText(null), e.body().path("version").asLong(), e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Appends this device's changes; returns the highest seq the server holds for the device. Sent
     * zstd-compressed (conversations are text: a fifth of the bytes), plain to a server that does not
     * take that.
     */
    public long postChanges(ChangesRequest changes) {
        byte[] body = WireJson.write(changes);
        HttpResponse<byte[]> r = null;
        if (compressBatches) {
            byte[] packed = Zstd.compress(body, WIRE_LEVEL);
            r = callAllowing("POST /changes", () -> HttpRequest.newBuilder(uri("/changes")).header("Content-Type", MediaTypes.JSON)
                    .header("Content-Encoding", MediaTypes.ZSTD).POST(HttpRequest.BodyPublishers.ofByteArray(packed)), 415);
            if (r.statusCode() == 415) {
                compressBatches = false;
                r = null;
            }
        }
        if (r == null) {
            r = call("POST /changes", () -> HttpRequest.newBuilder(uri("/changes")).header("Content-Type", MediaTypes.JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }
        return read(r, ChangesAck.class).maxSeq();
    }

    public ChangePage changes(String after, int limit, String deviceId) {
        ChangePage p = read(get("/changes?" + query(after, limit, deviceId)), ChangePage.class);
        return new ChangePage(listOf(p.changes()), p.nextCursor(), p.hasMore());
    }

    public void logout() {
        send("POST", "/auth/logout", Map.of());
    }

    // ------------------------------------------------------------------ plumbing

    private static String query(String after, int limit, String deviceId) {
        StringBuilder q = new StringBuilder("limit=").append(limit);
        if (after != null) {
            q.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
        }
        if (deviceId != null) {
            q.append("&device_id=").append(URLEncoder.encode(deviceId, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private URI uri(String path) {
        return URI.create(api + path);
    }

    private HttpRequest.Builder auth(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + token).header("User-Agent", "omni-cli").timeout(Duration.ofSeconds(120));
    }

    private HttpResponse<byte[]> get(String path) {
        return call("GET " + path.replaceAll("\\?.*", ""), () -> HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<byte[]> send(String method, String path, Object body) {
        byte[] b = WireJson.write(body);
        return call(method + " " + path, () -> HttpRequest.newBuilder(uri(path)).header("Content-Type", MediaTypes.JSON)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(b)));
    }

    private HttpResponse<byte[]> call(String what, Supplier<HttpRequest.Builder> request) {
        return callAllowing(what, request);
    }

    private HttpResponse<byte[]> callAllowing(String what, Supplier<HttpRequest.Builder> request, int... alsoOk) {
        return retry.run(what, () -> {
            HttpResponse<byte[]> r = http.send(auth(request.get()).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2 && IntStream.of(alsoOk).noneMatch(s -> s == r.statusCode())) {
                throw error(r.statusCode(), r.body(), what);
            }
            return r;
        });
    }

    private ApiException error(int status, byte[] body, String what) {
        JsonNode j = parseQuietly(body);
        ErrorBody e = errorBody(j);
        String code = e.error() != null ? e.error() : "http_" + status;
        String message = e.message() != null ? e.message() : e.errorDescription() != null ? e.errorDescription() : "HTTP " + status;
        OmniException.Kind kind = switch (status) {
            case 401 -> OmniException.Kind.AUTH;
            case 404 -> OmniException.Kind.NOT_FOUND;
            case 409 -> OmniException.Kind.CONFLICT;
            case 400, 413, 415, 422 -> OmniException.Kind.INVALID_INPUT;
            default -> OmniException.Kind.NETWORK;
        };
        String text = status == 401
                ? "the server " + server + " refused the login (expired or revoked)"
                : "the server answered " + status + " to " + what + ": " + message;
        return new ApiException(kind, status, code, text, j);
    }

    private static <T> T read(HttpResponse<byte[]> r, Class<T> type) {
        return read(r.body(), type);
    }

    /** A body of the protocol; one that is not JSON of that shape means the other end is no omni server. */
    static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = WireJson.read(body, type);
            if (value == null) {
                throw new IOException("an empty answer");
            }
            return value;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.NETWORK, "the server answered something that is not JSON: " + e.getMessage());
        }
    }

    static JsonNode parse(byte[] body) {
        return read(body, JsonNode.class);
    }

    private static JsonNode parseQuietly(byte[] body) {
        try {
            JsonNode n = WireJson.tree(body);
            return n == null || n.isMissingNode() ? WireJson.mapper().createObjectNode() : n;
        } catch (IOException | RuntimeException e) {
            return WireJson.mapper().createObjectNode();
        }
    }

    /** The error fields of an answer (none of them when it has another shape). */
    static ErrorBody errorBody(JsonNode j) {
        try {
            return j.isObject() ? WireJson.mapper().treeToValue(j, ErrorBody.class) : new ErrorBody(null, null, null);
        } catch (IOException | IllegalArgumentException e) {
            return new ErrorBody(null, null, null);
        }
    }

    private static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static ObjectId parseId(String hex) {
        if (!ObjectId.isValid(hex)) {
            throw new OmniException(OmniException.Kind.NETWORK, "the server answered an object id that is not one: " + hex);
        }
        return ObjectId.parse(hex);
    }

    /** Whether an exception means "the network or the server failed; trying again may help". */
    static boolean transientFailure(Throwable t) {
        if (t instanceof ApiException a) {
            return a.status() == 503 || a.status() == 429 || a.status() == 502 || a.status() == 504 || a.status() == 500;
        }
        return t instanceof IOException || t instanceof ConnectException || t instanceof HttpTimeoutException
                || t instanceof HttpConnectTimeoutException;
    }
}
