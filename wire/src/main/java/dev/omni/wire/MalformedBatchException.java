package dev.omni.wire;

/** A batch body that breaks {@link BatchFormat}'s framing; the message says how, for a person. */
public final class MalformedBatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedBatchException(String message) {
        super(message);
    }
}
