package dev.omni.sync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import dev.omni.core.OmniException;
import dev.omni.core.model.ObjectId;
import dev.omni.core.util.Json;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The omni server's API over {@link HttpClient}, as PROTOCOL.md and the server's README describe
 * it. Every call is idempotent on the server, so a call that fails for the network, a 503 or a 429
 * is tried again with exponential backoff and jitter until {@link Retry} gives up. Errors become
 * {@link OmniException}s with a message for people: NETWORK when the server cannot be reached,
 * AUTH for 401, the server's own message otherwise.
 */
public final class ServerClient {
    private static final String JSON = "application/json";
    private static final String BATCH = "application/vnd.omni.objects-batch";
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

    public JsonNode me() {
        return json(get("/me"));
    }

    public JsonNode putProject(String id, String name, String mainWorkspaceId) {
        ObjectNode b = Json.mapper().createObjectNode().put("name", name);
        if (mainWorkspaceId != null) {
            b.put("main_workspace_id", mainWorkspaceId);
        }
        return json(send("PUT", "/projects/" + id, b));
    }

    public List<JsonNode> projects() {
        return list(json(get("/projects")).path("projects"));
    }

    public JsonNode putWorkspace(String id, String projectId, String name, String machineId, String localPath, String baseSnapshot) {
        ObjectNode b = Json.mapper().createObjectNode().put("project_id", projectId).put("name", name);
        putIf(b, "machine_id", machineId);
        putIf(b, "local_path", localPath);
        putIf(b, "base_snapshot_id", baseSnapshot);
        return json(send("PUT", "/workspaces/" + id, b));
    }

    public List<JsonNode> workspaces(String projectId) {
        return list(json(get("/projects/" + projectId + "/workspaces")).path("workspaces"));
    }

    /** Which of {@code ids} (at most 10,000) the server does not have. */
    public List<ObjectId> missing(List<ObjectId> ids) {
        ObjectNode b = Json.mapper().createObjectNode();
        var arr = b.putArray("ids");
        ids.forEach(id -> arr.add(id.hex()));
        List<ObjectId> out = new ArrayList<>();
        for (JsonNode n : json(send("POST", "/objects/missing", b)).path("missing")) {
            out.add(ObjectId.parse(n.asText()));
        }
        return out;
    }

    /** Stores one object, streamed; {@code body} opens its bytes again for a retry. */
    public void putObject(ObjectId id, long size, Supplier<InputStream> body) {
        call("PUT /objects/" + id.abbrev(), () -> HttpRequest.newBuilder(uri("/objects/" + id.hex()))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), size)));
    }

    /**
     * Stores many small objects in one framed request (BATCH-FORMAT.md); returns the ids the server
     * rejected, and adds the bytes that went over the wire to {@code sent}. The body is zstd-compressed ({@code Content-Encoding: zstd}); a server that answers 415 to
     * that gets this and every later batch uncompressed.
     */
    public List<ObjectId> batch(List<ObjectId> ids, List<byte[]> data, LongAdder sent) {
        byte[] plain = BatchFormat.encode(ids, data);
        HttpResponse<byte[]> r = null;
        if (compressBatches) {
            byte[] packed = Zstd.compress(plain, WIRE_LEVEL);
            r = callAllowing("POST /objects/batch", () -> HttpRequest.newBuilder(uri("/objects/batch"))
                    .header("Content-Type", BATCH).header("Content-Encoding", "zstd")
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
                    .header("Content-Type", BATCH).POST(HttpRequest.BodyPublishers.ofByteArray(plain)), 422);
            if (sent != null) {
                sent.add(plain.length);
            }
        }
        List<ObjectId> rejected = new ArrayList<>();
        for (JsonNode n : parse(r.body()).path("results")) {
            if ("rejected".equals(n.path("status").asText())) {
                rejected.add(ObjectId.parse(n.path("id").asText()));
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

    public JsonNode putSnapshot(String id, ObjectNode body) {
        return json(send("PUT", "/snapshots/" + id, body));
    }

    /** One page of a paged collection, and the cursor for the next. */
    public record Page(List<JsonNode> items, String nextCursor, boolean hasMore) {
    }

    public Page snapshots(String projectId, String after, int limit) {
        JsonNode j = json(get("/projects/" + projectId + "/snapshots?" + query(after, limit, null)));
        return new Page(list(j.path("snapshots")), j.path("next_cursor").asText(null), j.path("has_more").asBoolean());
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
        ObjectNode b = Json.mapper().createObjectNode().put("snapshot_id", snapshotId).put("expected_version", expectedVersion);
        try {
            return json(send("POST", "/workspaces/" + workspaceId + "/head", b)).path("version").asLong();
        } catch (ApiException e) {
            if (e.status() == 409 && "stale_version".equals(e.code())) {
                throw new StaleHead(e.body().path("snapshot_id").asText(null), e.body().path("version").asLong(), e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Appends this device's changes, {@code body} being the whole {@code {device_id, changes}} JSON;
     * returns the highest seq the server holds for the device. Sent zstd-compressed (conversations
     * are text: a fifth of the bytes), plain to a server that does not take that.
     */
    public long postChanges(byte[] body) {
        HttpResponse<byte[]> r = null;
        if (compressBatches) {
            byte[] packed = Zstd.compress(body, WIRE_LEVEL);
            r = callAllowing("POST /changes", () -> HttpRequest.newBuilder(uri("/changes")).header("Content-Type", JSON)
                    .header("Content-Encoding", "zstd").POST(HttpRequest.BodyPublishers.ofByteArray(packed)), 415);
            if (r.statusCode() == 415) {
                compressBatches = false;
                r = null;
            }
        }
        if (r == null) {
            r = call("POST /changes", () -> HttpRequest.newBuilder(uri("/changes")).header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }
        return json(r).path("max_seq").asLong();
    }

    public Page changes(String after, int limit, String deviceId) {
        JsonNode j = json(get("/changes?" + query(after, limit, deviceId)));
        return new Page(list(j.path("changes")), j.path("next_cursor").asText(null), j.path("has_more").asBoolean());
    }

    public void logout() {
        send("POST", "/auth/logout", Json.mapper().createObjectNode());
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

    private static void putIf(ObjectNode b, String field, String value) {
        if (value != null) {
            b.put(field, value);
        }
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

    private HttpResponse<byte[]> send(String method, String path, JsonNode body) {
        byte[] b = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return call(method + " " + path, () -> HttpRequest.newBuilder(uri(path)).header("Content-Type", JSON)
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
        String code = j.path("error").asText("http_" + status);
        String message = j.path("message").asText(j.path("error_description").asText("HTTP " + status));
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

    private static JsonNode json(HttpResponse<byte[]> r) {
        return parse(r.body());
    }

    static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.NETWORK, "the server answered something that is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode parseQuietly(byte[] body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            return n == null ? Json.mapper().createObjectNode() : n;
        } catch (IOException | RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static List<JsonNode> list(JsonNode arr) {
        List<JsonNode> out = new ArrayList<>();
        arr.forEach(out::add);
        return out;
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
