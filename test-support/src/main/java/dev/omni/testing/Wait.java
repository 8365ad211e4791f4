package dev.omni.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting on an observable condition, for tests: the condition is polled until it holds, and a
 * timeout fails the test saying what did not happen. The timeout only bounds a hung test; a test
 * never relies on it to order events.
 */
public final class Wait {
    private static final long POLL_MS = 20;

    private Wait() {
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        forValue(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /**
     * Waits until {@code probe} answers something other than null, and returns it. A probe may
     * throw to stop the wait early (say, when what it watches has died).
     */
    public static <T> T forValue(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
