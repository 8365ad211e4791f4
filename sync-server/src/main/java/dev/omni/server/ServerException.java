package dev.omni.server;

import java.util.Map;

/**
 * A failure a client can cause, with the error code it answers. Handlers throw it; the root
 * handler turns it into {@code {"error": code, "message": ...}} plus any {@link #details()}.
 */
public class ServerException extends RuntimeException {
    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public ServerException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ServerException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra top-level fields of the error body (e.g. the current head of a stale update). */
    public Map<String, Object> details() {
        return details;
    }

    public static ServerException badRequest(String message) {
        return new ServerException(ErrorCode.BAD_REQUEST, message);
    }

    public static ServerException notFound(String what) {
        return new ServerException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
