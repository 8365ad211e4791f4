package dev.omni.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a batch: one result per frame, in frame order. With rejected objects it is a 422
 * whose {@code error} and {@code message} say so (the others were stored).
 */
public record BatchResponse(@JsonInclude(JsonInclude.Include.NON_NULL) String error,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                            long stored, long existing, long rejected, List<ObjectStatus> results) {
    /** The error code of a batch with objects that did not match their ids. */
    public static final String HASH_MISMATCH = "hash_mismatch";
}
