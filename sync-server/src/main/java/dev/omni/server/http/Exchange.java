package dev.omni.server.http;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.wire.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One request and its response, as the handlers see them: path parameters, query, headers, a
 * body read within a size limit, and one response written in full. It also carries what the
 * request log records (status, bytes, the authenticated user), and never a credential.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final String requestId;
    private final String remoteAddress;
    private Map<String, String> pathParams = Map.of();
    private String route = "unmatched";
    private Map<String, String> query;
    private String userId;
    private String clientId;
    private int status;
    private long bytesOut;
    private LimitedInputStream body;
    private boolean committed;

    Exchange(Request request, Response response, String requestId, String remoteAddress) {
        this.request = request;
        this.response = response;
        this.requestId = requestId;
        this.remoteAddress = remoteAddress;
    }

    // ---------------------------------------------------------------- request

    public String method() {
        return request.getMethod();
    }

    /** The decoded path, e.g. {@code /v1/objects/ab…}. */
    public String path() {
        return request.getHttpURI().getDecodedPath();
    }

    public String requestId() {
        return requestId;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The route pattern the request matched, for metrics; "unmatched" until then. */
    public void route(String pattern) {
        route = pattern;
    }

    String route() {
        return route;
    }

    public void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    public String param(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return v;
    }

    public String query(String name) {
        if (query == null) {
            query = Forms.parse(request.getHttpURI().getQuery());
        }
        return query.get(name);
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The body as a stream that fails with 413 past {@code limit} bytes. */
    public InputStream body(long limit) {
        long declared = request.getLength();
        if (declared > limit) {
            throw new ServerException(ErrorCode.TOO_LARGE,
                    "the request body (" + declared + " bytes) is larger than the limit of " + limit + " bytes");
        }
        LimitedInputStream in = new LimitedInputStream(Request.asInputStream(request), limit);
        body = in;
        String encoding = header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return in;
        }
        if (!encoding.trim().equalsIgnoreCase(MediaTypes.ZSTD)) {
            throw new ServerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body's Content-Encoding \""
                    + encoding.trim() + "\" is not supported; send it as zstd or without an encoding");
        }
        // The limit holds for the decoded bytes too: a small compressed body cannot expand without bound.
        return new LimitedInputStream(ZstdBody.open(in), limit);
    }

    /** Reads and drops what is left of the request body, up to {@code max} bytes. */
    void discardUnreadBody(long max) {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < max && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is closed after the answer anyway
        }
    }

    public byte[] bodyBytes(long limit) {
        try (InputStream in = body(limit)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ServerException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /** A form-encoded body. */
    public Map<String, String> form(long limit) {
        String type = header("Content-Type");
        if (type != null && !MediaTypes.is(type, MediaTypes.FORM)) {
            throw new ServerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the form as " + MediaTypes.FORM);
        }
        return Forms.parse(new String(bodyBytes(limit), StandardCharsets.UTF_8));
    }

    public Map<String, String> cookies() {
        Map<String, String> out = new HashMap<>();
        for (String h : request.getHeaders().getValuesList("Cookie")) {
            // Also RFC 2965 style (java.net.CookieManager): "$Version=1, name="value";$Path="/"".
            for (String part : h.split("[;,]")) {
                int eq = part.indexOf('=');
                if (eq > 0 && !part.trim().startsWith("$")) {
                    String v = part.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    out.putIfAbsent(part.substring(0, eq).trim(), v);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- authentication (set by the API filter)

    public void authenticate(String userId, String clientId) {
        this.userId = userId;
        this.clientId = clientId;
    }

    /** The authenticated user; every lookup of user data goes through this id. */
    public String userId() {
        if (userId == null) {
            throw new IllegalStateException("not an authenticated request");
        }
        return userId;
    }

    /** The OAuth client the token was issued to, recorded as the actor of activity. */
    public String clientId() {
        return clientId;
    }

    /** Lets the web pages record the signed-in user in the request log. */
    public void logUser(String id) {
        this.userId = id;
    }

    String loggedUser() {
        return userId;
    }

    // ---------------------------------------------------------------- response

    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void addHeader(String name, String value) {
        response.getHeaders().add(name, value);
    }

    public void json(int status, Object body) {
        send(status, MediaTypes.JSON, Json.write(body));
    }

    public void html(int status, String page) {
        send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    public void redirect(String location) {
        header("Location", location);
        send(303, null, new byte[0]);
    }

    public void send(int status, String contentType, byte[] body) {
        begin(status, contentType, body.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
        bytesOut += body.length;
    }

    /** Streams {@code size} bytes from {@code in} (which this closes). */
    public void stream(int status, String contentType, long size, InputStream in) {
        begin(status, contentType, size);
        try (InputStream src = in; OutputStream out = Content.Sink.asOutputStream(response)) {
            bytesOut += src.transferTo(out);
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    private void begin(int status, String contentType, long length) {
        if (committed) {
            throw new IllegalStateException("response already sent");
        }
        committed = true;
        this.status = status;
        response.setStatus(status);
        if (contentType != null) {
            header("Content-Type", contentType);
        }
        response.getHeaders().put("Content-Length", Long.toString(length));
    }

    public void error(ServerException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().wire());
        body.put("message", e.getMessage());
        body.putAll(e.details());
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            header("WWW-Authenticate", "Bearer realm=\"omni\", error=\"invalid_token\"");
        }
        json(e.code().status(), body);
    }

    boolean committed() {
        return committed;
    }

    int status() {
        return status;
    }

    long bytesOut() {
        return bytesOut;
    }

    long bytesIn() {
        return body == null ? 0 : body.count();
    }

    /** The client closed the connection while we wrote: nothing to answer, nothing to log as an error. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
