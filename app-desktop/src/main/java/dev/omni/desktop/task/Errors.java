package dev.omni.desktop.task;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failure into one line for people, the way the CLI's handler does; never a stack trace.
 * Where core says why it failed, the line ends with what to do in this app (the CLI names a
 * command instead).
 */
public final class Errors {
    private Errors() {
    }

    /** The message to show; null for a cancellation, which is not an error. */
    public static String describe(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof CancellationException || e instanceof InterruptedException) {
            return null;
        }
        if (e instanceof OmniException oe) {
            return oe.getMessage() + remedy(oe);
        }
        if (e instanceof AccessDeniedException ad) {
            return "permission denied: " + ad.getFile();
        }
        if (e instanceof NoSuchFileException nf) {
            return "no such file or directory: " + nf.getFile();
        }
        if (e instanceof IOException io) {
            return io.getMessage() == null ? "input/output error" : io.getMessage();
        }
        return "internal error: " + e;
    }

    /** What to do about {@code e} in the desktop app, starting with its separator; "" when there is nothing to add. */
    static String remedy(OmniException e) {
        if (e.reason() == null) {
            return "";
        }
        return switch (e.reason()) {
            // Nothing to add: the window shows what exists, and a name that is taken is the user's to change.
            case NOT_IN_WORKSPACE, UNKNOWN_PROJECT, UNKNOWN_WORKSPACE, UNKNOWN_SNAPSHOT, UNKNOWN_MEMORY_ITEM, UNKNOWN_CONVERSATION,
                    DAEMON_RUNNING, WORKSPACE_NAME_TAKEN -> "";
            case WORKSPACE_FILE_DAMAGED -> "; remove the workspace (Projects) and make that folder a workspace again";
            case WORKSPACE_COPY -> "; delete " + e.details().get("omni_dir") + " to make that folder a workspace of its own";
            case NO_MAIN_WORKSPACE -> "; choose one with Make main on the Projects screen";
            case MAIN_WORKSPACE_GONE -> "; choose another with Make main on the Projects screen";
            case REMOVING_MAIN_WORKSPACE -> "; make another workspace main first (Projects, Make main)";
            case MERGE_IN_PROGRESS -> "; continue or abort it on the Drift & merge screen";
            case MERGED_WORKSPACE_GONE -> "; abort the merge on the Drift & merge screen";
            case CONFLICT_MARKERS_LEFT -> "; edit them, then continue the merge";
            case DAMAGED_OBJECTS -> "; check the store with 'omni fsck' in a terminal";
            case MEMORY_ITEM_REMOVED -> "; restore it first";
            case NO_SERVER -> "; enter the server under Account & settings";
            case NOT_LOGGED_IN, LOGIN_EXPIRED, CREDENTIALS_DAMAGED, LOGIN_CODE_EXPIRED -> "; log in again under Account & settings";
            case NO_SNAPSHOT_YET -> "; take a snapshot first";
            case HEAD_MOVED -> "; pull and merge the other machine's work, then push again";
            case NOT_ON_SERVER -> "; push it first";
        };
    }

    public static boolean isCancellation(Throwable t) {
        Throwable e = unwrap(t);
        return e instanceof CancellationException || e instanceof InterruptedException;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof CompletionException || e instanceof ExecutionException
                || (e != null && e.getClass() == RuntimeException.class)) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
