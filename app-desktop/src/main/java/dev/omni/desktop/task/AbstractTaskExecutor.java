package dev.omni.desktop.task;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** What both executors share: the status, keyed replacement, and the default failure handler. */
abstract class AbstractTaskExecutor implements TaskExecutor {
    private final TaskStatus status = new TaskStatus();
    private final Consumer<Throwable> defaultFailure;
    private final Map<String, TaskHandle> byKey = new HashMap<>();

    AbstractTaskExecutor(Consumer<Throwable> defaultFailure) {
        this.defaultFailure = defaultFailure;
    }

    @Override
    public TaskStatus status() {
        return status;
    }

    /** Cancels the running task with {@code key}, and remembers {@code next} in its place. */
    synchronized void replace(String key, TaskHandle next) {
        if (key == null) {
            return;
        }
        TaskHandle previous = byKey.put(key, next);
        if (previous != null && !previous.isDone()) {
            previous.cancel();
        }
    }

    synchronized void forget(String key, TaskHandle h) {
        if (key != null) {
            byKey.remove(key, h);
        }
    }

    /** On the UI thread: hands the outcome to the task's handlers. */
    <T> void deliver(Task<T> task, T result, Throwable failure, boolean cancelled) {
        try {
            if (cancelled || (failure != null && Errors.isCancellation(failure))) {
                return;
            }
            if (failure == null) {
                task.successHandler().accept(result);
            } else if (task.failureHandler() != null) {
                task.failureHandler().accept(failure);
            } else {
                defaultFailure.accept(failure);
            }
        } finally {
            task.doneHandler().run();
        }
    }
}
