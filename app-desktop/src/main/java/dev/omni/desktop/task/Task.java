package dev.omni.desktop.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One piece of background work and what to do with its result, on the UI thread. A task with a
 * {@link #key} replaces a running task with the same key (search as you type: the newest query
 * wins); a {@link #quiet} task does not show in the status bar.
 */
public final class Task<T> {
    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure;
    private Runnable onDone = () -> { };
    private String key;
    private boolean cancellable = true;
    private boolean quiet;
    private long delayMillis;

    private Task(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> Task<T> of(String title, Work<T> work) {
        return new Task<>(title, work);
    }

    public Task<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    /** Without one, the executor's default shows the error's message in the window. */
    public Task<T> onFailure(Consumer<Throwable> c) {
        this.onFailure = c;
        return this;
    }

    /** Runs after success, failure or cancellation. */
    public Task<T> onDone(Runnable r) {
        this.onDone = Objects.requireNonNull(r);
        return this;
    }

    public Task<T> key(String k) {
        this.key = k;
        return this;
    }

    /** Work that must not stop half way (restore, merge) is not cancellable. */
    public Task<T> notCancellable() {
        this.cancellable = false;
        return this;
    }

    public Task<T> quiet() {
        this.quiet = true;
        return this;
    }

    /** Waits this long before starting; a newer task with the same key cancels it meanwhile. */
    public Task<T> delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public String title() {
        return title;
    }

    public Work<T> work() {
        return work;
    }

    public Consumer<? super T> successHandler() {
        return onSuccess;
    }

    public Consumer<Throwable> failureHandler() {
        return onFailure;
    }

    public Runnable doneHandler() {
        return onDone;
    }

    public String key() {
        return key;
    }

    public boolean cancellable() {
        return cancellable;
    }

    public boolean isQuiet() {
        return quiet;
    }

    public long delayMillis() {
        return delayMillis;
    }
}
