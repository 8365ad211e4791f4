package dev.omni.server;

import dev.omni.wire.BatchResponse;
import dev.omni.wire.HeadView;

/**
 * Every error the server answers, with its HTTP status: the one place that maps a failure to the
 * wire. The codes are part of the protocol (see sync-server/README.md); never rename one.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    STALE_VERSION(409, HeadView.STALE_VERSION),
    TOO_LARGE(413, "too_large"),
    TOO_MANY_IDS(413, "too_many_ids"),
    TOO_MANY_OBJECTS(413, "too_many_objects"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    HASH_MISMATCH(422, BatchResponse.HASH_MISMATCH),
    MISSING_OBJECTS(422, "missing_objects"),
    INVALID_MANIFEST(422, "invalid_manifest"),
    UNKNOWN_REFERENCE(422, "unknown_reference"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused"),
    RATE_LIMITED(429, "rate_limited"),
    INTERNAL(500, "internal"),
    // OAuth 2.0 (RFC 6749 section 5.2, RFC 8628 section 3.5): the token and device endpoints answer these.
    INVALID_REQUEST(400, "invalid_request"),
    INVALID_CLIENT(400, "invalid_client"),
    INVALID_GRANT(400, "invalid_grant"),
    UNSUPPORTED_GRANT_TYPE(400, "unsupported_grant_type"),
    AUTHORIZATION_PENDING(400, "authorization_pending"),
    SLOW_DOWN(400, "slow_down"),
    ACCESS_DENIED(400, "access_denied"),
    EXPIRED_TOKEN(400, "expired_token"),
    UNAVAILABLE(503, "unavailable");

    private final int status;
    private final String wire;

    ErrorCode(int status, String wire) {
        this.status = status;
        this.wire = wire;
    }

    public int status() {
        return status;
    }

    public String wire() {
        return wire;
    }
}
