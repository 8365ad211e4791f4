package dev.omni.desktop.task;

/** A submitted task. */
public interface TaskHandle {
    void cancel();

    boolean isDone();
}
