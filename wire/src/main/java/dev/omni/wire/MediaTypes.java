package dev.omni.wire;

import java.util.Locale;

/** The media types and content coding of the protocol's bodies. */
public final class MediaTypes {
    /** JSON request and response bodies (UTF-8). */
    public static final String JSON = "application/json";
    /** One object's raw bytes ({@code PUT} and {@code GET /v1/objects/{id}}). */
    public static final String OCTET_STREAM = "application/octet-stream";
    /** The OAuth endpoints' requests (RFC 6749, RFC 8628). */
    public static final String FORM = "application/x-www-form-urlencoded";
    /** The framed body of {@code POST /v1/objects/batch} ({@link BatchFormat}). */
    public static final String OBJECTS_BATCH = "application/vnd.omni.objects-batch";
    /** The one {@code Content-Encoding} a server decodes besides none: the body as zstd frames. */
    public static final String ZSTD = "zstd";

    private MediaTypes() {
    }

    /** Whether a {@code Content-Type} header names {@code type} (any case, parameters allowed). */
    public static boolean is(String contentType, String type) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(type);
    }
}
