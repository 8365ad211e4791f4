package dev.omni.cli.support;

import dev.omni.core.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on standard error (me.tongfei:progressbar). A bar appears only once a task has run
 * for half a second, so quick commands print nothing but their result.
 */
public final class TerminalProgress implements Progress {
    private static final long DELAY_NS = 500_000_000L;
    private final PrintWriter err;
    private ProgressBar bar;
    private String task;
    private long total;
    private String unit;
    private long started;
    private long count;

    public TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void start(String task, long total, String unit) {
        finish();
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.started = System.nanoTime();
        this.count = 0;
    }

    @Override
    public synchronized void advance(long n) {
        count += n;
        if (bar == null && task != null && System.nanoTime() - started > DELAY_NS) {
            err.flush();
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200)
                    .continuousUpdate()
                    .setMaxRenderedLength(100)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .startsFrom(count, Duration.ofNanos(System.nanoTime() - started))
                    .build();
        } else if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        task = null;
    }
}
