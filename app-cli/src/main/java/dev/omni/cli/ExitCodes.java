package dev.omni.cli;

import dev.omni.core.OmniException;

/**
 * The exit codes of {@code omni}, documented in the README. Commands that compare things (diff
 * {@code --exit-code}, drift, status {@code --exit-code}, fsck) exit 1 when they found differences,
 * as git does.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** Failure, or "differences found" for comparing commands. */
    public static final int FAILURE = 1;
    /** Wrong usage: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** Unknown id, name or path; not inside a workspace. */
    public static final int NOT_FOUND = 3;
    /** Input that is not what it should be: malformed archive, manifest or transcript. */
    public static final int INVALID_INPUT = 4;
    /** Stored data is damaged or missing. */
    public static final int CORRUPT = 5;
    /** The store or workspace is locked by another omni process. */
    public static final int BUSY = 6;
    /** Refused to overwrite or lose something; someone else changed it first; merge conflicts. */
    public static final int CONFLICT = 7;
    /** The operating system refused: permission denied, disk full. */
    public static final int IO = 8;
    /** Not logged in, or the login expired. */
    public static final int AUTH = 9;
    /** The server cannot be reached or failed. */
    public static final int NETWORK = 10;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    public static int of(OmniException.Kind kind) {
        return switch (kind) {
            case FAILURE -> FAILURE;
            case NOT_FOUND -> NOT_FOUND;
            case INVALID_INPUT -> INVALID_INPUT;
            case CORRUPT -> CORRUPT;
            case BUSY -> BUSY;
            case CONFLICT -> CONFLICT;
            case IO -> IO;
            case AUTH -> AUTH;
            case NETWORK -> NETWORK;
        };
    }
}
