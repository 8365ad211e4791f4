package dev.omni.core;

import java.util.Map;

/**
 * An error a user can cause or meet (unknown id, not a workspace, store locked, corrupt object).
 * The message says what happened, in terms every front end can show. Front ends turn the
 * {@link Kind} into an exit code, and where the {@link Reason} says there is something the user can
 * do, they word it their way (the CLI names a command, the desktop app a screen).
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

    /**
     * What exactly happened, where a front end has a remedy to offer. The keys of {@link #details()}
     * a reason comes with are listed with it.
     */
    public enum Reason {
        /** No .omni/workspace.json encloses the directory. */
        NOT_IN_WORKSPACE,
        /** A .omni/workspace.json cannot be read. */
        WORKSPACE_FILE_DAMAGED,
        /** A directory is a copy of another workspace's working copy. Details: {@code omni_dir}, {@code project}. */
        WORKSPACE_COPY,
        /** No project matches what was asked. */
        UNKNOWN_PROJECT,
        /** No workspace matches what was asked. Details: {@code project} when the search was within one project. */
        UNKNOWN_WORKSPACE,
        /** No snapshot matches what was asked. */
        UNKNOWN_SNAPSHOT,
        /** The project has no main workspace. */
        NO_MAIN_WORKSPACE,
        /** The project's main workspace is gone. */
        MAIN_WORKSPACE_GONE,
        /** The main workspace cannot be removed. */
        REMOVING_MAIN_WORKSPACE,
        /** The workspace name is taken in the project. */
        WORKSPACE_NAME_TAKEN,
        /** A merge waits for its conflicts to be resolved (or was interrupted). */
        MERGE_IN_PROGRESS,
        /** The workspace being merged in is gone. */
        MERGED_WORKSPACE_GONE,
        /** Files of a merge still have conflict markers. */
        CONFLICT_MARKERS_LEFT,
        /** Stored objects are missing or damaged. */
        DAMAGED_OBJECTS,
        /** No memory item matches what was asked. */
        UNKNOWN_MEMORY_ITEM,
        /** The memory item is removed. Details: {@code id}. */
        MEMORY_ITEM_REMOVED,
        /** No conversation matches what was asked. */
        UNKNOWN_CONVERSATION,
        /** No server was named anywhere. */
        NO_SERVER,
        /** This machine is not logged in. */
        NOT_LOGGED_IN,
        /** The login expired or was revoked, or its token is gone. */
        LOGIN_EXPIRED,
        /** The stored login cannot be read. */
        CREDENTIALS_DAMAGED,
        /** The one-time login code expired before it was approved. */
        LOGIN_CODE_EXPIRED,
        /** The workspace has no snapshot yet. */
        NO_SNAPSHOT_YET,
        /** The workspace's head moved on the server (pushed from elsewhere). */
        HEAD_MOVED,
        /** The workspace is not on the server. */
        NOT_ON_SERVER,
        /** A daemon already runs for this omni home. */
        DAEMON_RUNNING,
    }

    private final Kind kind;
    private final Reason reason;
    private final Map<String, String> details;

    public OmniException(Kind kind, String message) {
        this(kind, null, message, Map.of(), null);
    }

    public OmniException(Kind kind, String message, Throwable cause) {
        this(kind, null, message, Map.of(), cause);
    }

    public OmniException(Kind kind, Reason reason, String message) {
        this(kind, reason, message, Map.of(), null);
    }

    public OmniException(Kind kind, Reason reason, String message, Map<String, String> details) {
        this(kind, reason, message, details, null);
    }

    public OmniException(Kind kind, Reason reason, String message, Map<String, String> details, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    /** What exactly happened, when a front end may have a remedy to offer; null otherwise. */
    public Reason reason() {
        return reason;
    }

    /** Facts a remedy needs (which id, which directory); the keys are listed with each {@link Reason}. */
    public Map<String, String> details() {
        return details;
    }

    public static OmniException notFound(String message) {
        return new OmniException(Kind.NOT_FOUND, message);
    }

    public static OmniException notFound(Reason reason, String message) {
        return new OmniException(Kind.NOT_FOUND, reason, message);
    }

    public static OmniException invalid(String message) {
        return new OmniException(Kind.INVALID_INPUT, message);
    }

    public static OmniException conflict(String message) {
        return new OmniException(Kind.CONFLICT, message);
    }

    public static OmniException conflict(Reason reason, String message) {
        return new OmniException(Kind.CONFLICT, reason, message);
    }

    public static OmniException busy(String message) {
        return new OmniException(Kind.BUSY, message);
    }

    public static OmniException corrupt(String message) {
        return new OmniException(Kind.CORRUPT, message);
    }
}
