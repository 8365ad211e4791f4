package dev.omni.sync.client;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tries a call again when the network or the server failed (connection refused or reset, a
 * timeout, 5xx, 429), with exponential backoff and jitter, for at most {@code budgetMs}. Anything
 * else (a 4xx answer) fails at once. The CLI gives a call about half a minute, so a server that
 * restarts in the middle of a push does not fail it; the daemon retries on its own schedule.
 */
public final class Retry {
    /** A call that may fail with I/O. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private final long budgetMs;
    private final String server;

    public Retry(long budgetMs, String server) {
        this.budgetMs = budgetMs;
        this.server = server;
    }

    public <T> T run(String what, Call<T> call) {
        long deadline = System.nanoTime() + budgetMs * 1_000_000L;
        long delay = 250;
        while (true) {
            Throwable failure;
            try {
                return call.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OmniException(OmniException.Kind.NETWORK, "interrupted while talking to " + server);
            } catch (IOException | RuntimeException e) {
                if (!ServerClient.transientFailure(e)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                failure = e;
            }
            if (System.nanoTime() + delay * 1_000_000L > deadline) {
                if (failure instanceof OmniException oe) {
                    throw oe;
                }
                throw new OmniException(OmniException.Kind.NETWORK, "cannot reach the server " + server + " (" + what + "): "
                        + describe(failure) + "; try again later (nothing was lost)", failure);
            }
            try {
                Thread.sleep(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OmniException(OmniException.Kind.NETWORK, "interrupted while talking to " + server);
            }
            delay = Math.min(delay * 2, 4000);
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
