package dev.omni.desktop.task;

/** Work that runs off the UI thread; it reports progress and looks at cancellation through its context. */
@FunctionalInterface
public interface Work<T> {
    T run(TaskContext ctx) throws Exception;
}
