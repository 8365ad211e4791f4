package dev.omni.desktop.task;

import dev.omni.core.Progress;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Core's {@link Progress} for a task: reports at most every 100 ms, and stops the work at its next
 * step once the task is cancelled (core calls advance often, so a scan ends within a few files).
 */
final class ProgressAdapter implements Progress {
    /** Where the numbers go. */
    interface Sink {
        void report(double fraction, String text);
    }

    private final Sink sink;
    private final BooleanSupplier cancelled;
    private long total = -1;
    private long done;
    private String what = "";
    private long lastReport;

    ProgressAdapter(Sink sink, BooleanSupplier cancelled) {
        this.sink = sink;
        this.cancelled = cancelled;
    }

    @Override
    public synchronized void start(String task, long total, String unit) {
        check();
        this.total = total;
        this.done = 0;
        this.what = task == null ? "" : task;
        lastReport = System.nanoTime();
        sink.report(total > 0 ? 0 : -1, what);
    }

    @Override
    public synchronized void advance(long n) {
        check();
        done += n;
        long now = System.nanoTime();
        if (now - lastReport > 100_000_000L) {
            lastReport = now;
            sink.report(total > 0 ? Math.min(1.0, (double) done / total) : -1, what);
        }
    }

    @Override
    public synchronized void finish() {
        sink.report(-1, "");
    }

    private void check() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }
}
