package dev.omni.desktop.task;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into one line for people, the way the CLI's handler does; never a stack trace. */
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
            return oe.getMessage();
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
