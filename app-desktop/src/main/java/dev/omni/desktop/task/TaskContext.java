package dev.omni.desktop.task;

import dev.omni.core.Progress;

/** What running work sees of its task: progress for core calls, cancellation. */
public interface TaskContext {
    /** A {@link Progress} for core use cases; when the task is cancelled it stops them at their next step. */
    Progress progress();

    boolean cancelled();

    /** Waits (the debounce of search-as-you-type); returns at once when cancelled or when there is nothing to wait for. */
    void pause(long millis);
}
