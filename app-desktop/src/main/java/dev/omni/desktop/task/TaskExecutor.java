package dev.omni.desktop.task;

/**
 * Runs work off the UI thread and hands results back on it (JabRef's pattern): {@link FxTaskExecutor}
 * in the app, {@link SyncTaskExecutor} in view-model tests, which runs everything at once on the
 * caller's thread.
 */
public interface TaskExecutor extends AutoCloseable {
    <T> TaskHandle submit(Task<T> task);

    /** What the status bar shows: the running tasks, their progress, and a way to cancel them. */
    TaskStatus status();

    /** Runs {@code r} on the UI thread (at once when already there). */
    void onUiThread(Runnable r);

    @Override
    void close();
}
