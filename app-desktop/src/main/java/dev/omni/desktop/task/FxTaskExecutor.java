package dev.omni.desktop.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs tasks on a small pool of daemon threads and delivers results, progress and failures on
 * the JavaFX application thread. Cancelling a task makes its progress stop the core call at its next
 * step, and drops its result. Threads are never interrupted: an interrupt closes any NIO channel
 * the thread is using, and the object store's channels are shared.
 */
public final class FxTaskExecutor extends AbstractTaskExecutor {
    private final ExecutorService pool;

    public FxTaskExecutor(Consumer<Throwable> defaultFailure) {
        super(defaultFailure);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "omni-desktop-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> TaskHandle submit(Task<T> task) {
        Object id = new Object();
        FxHandle handle = new FxHandle();
        replace(task.key(), handle);
        if (!task.isQuiet()) {
            onUiThread(() -> status().started(id, task.title(), task.cancellable(), handle));
        }
        TaskContext ctx = new TaskContext() {
            private final ProgressAdapter progress = new ProgressAdapter(
                    (f, t) -> Platform.runLater(() -> status().progressed(id, f, t)), handle.cancelled::get);

            @Override
            public dev.omni.core.Progress progress() {
                return progress;
            }

            @Override
            public boolean cancelled() {
                return handle.cancelled.get();
            }

            @Override
            public void pause(long millis) {
                long end = System.nanoTime() + millis * 1_000_000L;
                while (!handle.cancelled.get() && System.nanoTime() < end) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        };
        pool.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                if (task.delayMillis() > 0) {
                    ctx.pause(task.delayMillis());
                }
                if (!ctx.cancelled()) {
                    result = task.work().run(ctx);
                }
            } catch (Exception | Error e) {
                failure = e;
            }
            // A core call that saw the cancellation may have set the flag; the next task must not see it.
            Thread.interrupted();
            handle.done.set(true);
            forget(task.key(), handle);
            T r = result;
            Throwable f = failure;
            Platform.runLater(() -> {
                status().finished(id);
                deliver(task, r, f, handle.cancelled.get());
            });
        });
        return handle;
    }

    @Override
    public void onUiThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class FxHandle implements TaskHandle {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean done = new AtomicBoolean();

        @Override
        public void cancel() {
            // The runnable still runs (and reports that it finished), but skips or stops the work.
            cancelled.set(true);
        }

        @Override
        public boolean isDone() {
            return done.get();
        }
    }
}
