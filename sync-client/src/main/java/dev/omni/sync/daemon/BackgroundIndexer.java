package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.config.Config;
import dev.omni.core.semantic.EmbeddingModel;
import dev.omni.core.semantic.SemanticIndex;
import dev.omni.sync.client.ServerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The daemon's semantic indexing: new memory items and messages are embedded in the background, on
 * one thread of the lowest priority (niced to 19 on Linux) with one core for the model, so that a
 * user never runs {@code omni index} by hand and the machine stays responsive. A run goes until
 * nothing waits (committed batch by batch: a stopped daemon loses at most one) and is started again
 * every {@code daemon.index_seconds}; while one runs, the next start is skipped.
 */
final class BackgroundIndexer implements Daemon.Task, AutoCloseable {
    static final String NAME = "index";

    private final DaemonLog log;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private SemanticIndex index;
    private Thread thread;

    BackgroundIndexer(DaemonLog log) {
        this.log = log;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long everyMs(Config config) {
        long s = config.getLong(Config.Key.DAEMON_INDEX_SECONDS);
        return s <= 0 ? Long.MAX_VALUE / 4 : s * 1000;
    }

    /** Starts a run on the indexing thread unless one is going on; returns at once. */
    @Override
    public synchronized void run(Omni omni, ServerClient clientOrNull) {
        if (stop.get() || !running.compareAndSet(false, true)) {
            return;
        }
        if (index == null) {
            if (EmbeddingModel.bundled().isEmpty()) {
                running.set(false);
                return;
            }
            index = new SemanticIndex(omni, EmbeddingModel.bundled().get(), 1);
        }
        SemanticIndex idx = index;
        thread = new Thread(() -> {
            try {
                lowerPriority(log);
                SemanticIndex.Report r = idx.indexIfIdle(Progress.NONE, stop::get);
                if (r != null && r.memoryItems() + r.messages() > 0) {
                    log.info(String.format(java.util.Locale.ROOT, "semantic index: %d memory items and %d messages embedded"
                            + " (%d chunks, %.0f/s)%s", r.memoryItems(), r.messages(), r.chunks(), r.chunksPerSecond(),
                            r.complete() ? "" : ", more to do"));
                }
            } catch (OmniException e) {
                log.warn("semantic indexing failed: " + e.getMessage());
            } catch (RuntimeException e) {
                log.error("semantic indexing failed: " + e);
            } finally {
                running.set(false);
            }
        }, "omni-index");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether a run is going on (for tests and the daemon's state). */
    boolean running() {
        return running.get();
    }

    /**
     * Nices the calling thread to 19 where the OS allows it per thread (Linux: a thread is a task
     * with its own id, and {@code renice} takes it; Java's thread priority alone is ignored there),
     * and says what the kernel then reports.
     */
    static void lowerPriority(DaemonLog log) {
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            return;
        }
        try {
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", "19", "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            // /proc/thread-self/stat: "tid (comm) state ..." with the nice value the 19th field.
            String stat = Files.readString(self.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            log.info("semantic indexing thread at nice " + f[16]);
        } catch (IOException | RuntimeException e) {
            log.info("semantic indexing runs at normal priority (renice: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks a run to stop after its batch, waits for it, and unloads the model. */
    @Override
    public synchronized void close() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
