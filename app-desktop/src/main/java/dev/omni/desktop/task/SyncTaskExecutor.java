package dev.omni.desktop.task;

import java.util.function.Consumer;

/**
 * Runs every task at once on the caller's thread: view-model tests need no FX toolkit and no
 * waiting. Delays are skipped; cancellation never happens.
 */
public final class SyncTaskExecutor extends AbstractTaskExecutor {
    public SyncTaskExecutor(Consumer<Throwable> defaultFailure) {
        super(defaultFailure);
    }

    @Override
    public <T> TaskHandle submit(Task<T> task) {
        Object id = new Object();
        boolean[] done = {false};
        TaskHandle handle = new TaskHandle() {
            @Override
            public void cancel() {
                // the work has finished before anyone could cancel it
            }

            @Override
            public boolean isDone() {
                return done[0];
            }
        };
        if (!task.isQuiet()) {
            status().started(id, task.title(), task.cancellable(), handle);
        }
        TaskContext ctx = new TaskContext() {
            private final ProgressAdapter progress = new ProgressAdapter((f, t) -> status().progressed(id, f, t), () -> false);

            @Override
            public dev.omni.core.Progress progress() {
                return progress;
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void pause(long millis) {
                // tests do not wait
            }
        };
        T result = null;
        Throwable failure = null;
        try {
            result = task.work().run(ctx);
        } catch (Exception | Error e) {
            failure = e;
        }
        done[0] = true;
        status().finished(id);
        deliver(task, result, failure, false);
        return handle;
    }

    @Override
    public void onUiThread(Runnable r) {
        r.run();
    }

    @Override
    public void close() {
        // nothing runs in the background
    }
}
