package dev.omni.core;

/**
 * An error a user can cause or meet (unknown id, not a workspace, store locked, corrupt object).
 * The message says what happened and, where there is something to do, what to do. Front ends turn
 * the {@link Kind} into an exit code.
 */
public class OmniException extends RuntimeException {
    /** What kind of failure this is; each maps to one exit code of the CLI. */
    public enum Kind {
        /** Something failed that fits no other kind. */
        FAILURE,
        /** Unknown id, path or name; not inside a workspace. */
        NOT_FOUND,
        /** The input is not what it should be (bad argument, malformed archive, bad manifest). */
        INVALID_INPUT,
        /** Stored data is damaged or missing. */
        CORRUPT,
        /** Another process holds the store or the workspace. */
        BUSY,
        /** The operation would overwrite or lose something, or others changed it first. */
        CONFLICT,
        /** The operating system refused (permission denied, disk full, I/O error). */
        IO,
        /** Not logged in, or the login expired. */
        AUTH,
        /** The server cannot be reached or answered with an error. */
        NETWORK,
    }

    private final Kind kind;

    public OmniException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OmniException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static OmniException notFound(String message) {
        return new OmniException(Kind.NOT_FOUND, message);
    }

    public static OmniException invalid(String message) {
        return new OmniException(Kind.INVALID_INPUT, message);
    }

    public static OmniException conflict(String message) {
        return new OmniException(Kind.CONFLICT, message);
    }

    public static OmniException busy(String message) {
        return new OmniException(Kind.BUSY, message);
    }

    public static OmniException corrupt(String message) {
        return new OmniException(Kind.CORRUPT, message);
    }
}
