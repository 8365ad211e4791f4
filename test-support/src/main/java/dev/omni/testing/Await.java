package dev.omni.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting on an observable condition, for tests that race or kill something: polls the condition
 * (never a bare sleep standing in for it) and fails with what it waited for when time runs out.
 */
public final class Await {
    private Await() {
    }

    /** Polls {@code condition} every 20 ms until it holds; an {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** {@link #until(BooleanSupplier, Duration, String)} with 30 seconds. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, Duration.ofSeconds(30), what);
    }
}
