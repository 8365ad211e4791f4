package dev.omni.sync.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** When each of the daemon's jobs is due next, on the daemon's clock; a job that never ran is due at once. */
final class Schedule {
    private final Map<String, Instant> next = new HashMap<>();

    boolean due(String job, Instant now) {
        Instant n = next.get(job);
        return n == null || !now.isBefore(n);
    }

    void at(String job, Instant when) {
        next.put(job, when);
    }

    void after(String job, Instant now, Duration delay) {
        next.put(job, now.plus(delay));
    }

    /** Brings a job forward to {@code now} (never later than it was). */
    void soon(String job, Instant now) {
        next.merge(job, now, (a, b) -> a.isBefore(b) ? a : b);
    }

    /** When the job is due next; null when it never ran. */
    Instant next(String job) {
        return next.get(job);
    }

    /** Exponential backoff with jitter: the first retry after about a second, then twice as long each time, at most {@code max}. */
    static final class Backoff {
        private static final long FIRST_MS = 1000;
        private final long maxMs;
        private long delayMs = FIRST_MS;

        Backoff(Duration max) {
            this.maxMs = max.toMillis();
        }

        /** When to try again after a failure at {@code now}: half the delay plus up to half again at random. */
        Instant next(Instant now) {
            long jitter = ThreadLocalRandom.current().nextLong(delayMs / 2 + 1);
            Instant at = now.plusMillis(delayMs / 2 + jitter);
            delayMs = Math.min(delayMs * 2, maxMs);
            return at;
        }

        void reset() {
            delayMs = FIRST_MS;
        }
    }
}
