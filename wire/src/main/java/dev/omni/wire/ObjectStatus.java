package dev.omni.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One object's outcome: the answer of {@code PUT /v1/objects/{id}}, and each frame's entry in a
 * {@link BatchResponse} ({@code error} and {@code message} only for a rejected one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectStatus(String id, String status, String error, String message) {
    /** New, and durably written. */
    public static final String STORED = "stored";
    /** The user had it already; nothing was written. */
    public static final String EXISTS = "exists";
    /** Its bytes did not hash to its id; not stored. */
    public static final String REJECTED = "rejected";

    public static ObjectStatus of(String id, String status) {
        return new ObjectStatus(id, status, null, null);
    }

    public boolean rejected() {
        return REJECTED.equals(status);
    }
}
