package dev.omni.desktop.task;

import dev.omni.core.Progress;
import java.util.concurrent.CancellationException;

/** What running work sees of its task: progress for core calls, a message line, cancellation. */
public interface TaskContext {
    /** A {@link Progress} for core use cases; when the task is cancelled it stops them at their next step. */
    Progress progress();

    /** A line saying what happens now. */
    void message(String text);

    boolean cancelled();

    /** Throws {@link CancellationException} when the task was cancelled. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Waits (the debounce of search-as-you-type); returns at once when cancelled or when there is nothing to wait for. */
    void pause(long millis);
}
