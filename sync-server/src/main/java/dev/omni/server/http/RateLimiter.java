package dev.omni.server.http;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key ("per token", "per address", ...): {@code perMinute} requests a minute with
 * bursts up to the same number. Kept in memory, so with several server instances each counts its
 * own share; that is enough to stop guessing and runaway clients.
 */
public final class RateLimiter {
    private static final int SWEEP_EVERY = 10_000;
    private final Clock clock;
    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private int calls;

    public RateLimiter(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Takes one request from {@code key}'s bucket; returns 0 when allowed, else the seconds to wait. */
    public long acquire(String key) {
        long now = clock.millis();
        sweepSometimes(now);
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        synchronized (b) {
            b.refill(now, perMinute);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            double perMs = perMinute / 60_000.0;
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perMs / 1000));
        }
    }

    private void sweepSometimes(long now) {
        synchronized (this) {
            if (++calls < SWEEP_EVERY) {
                return;
            }
            calls = 0;
        }
        // A bucket untouched for a minute is full again: forgetting it changes nothing.
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().last > 60_000) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        void refill(long now, int perMinute) {
            if (now > last) {
                tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000.0);
                last = now;
            }
        }
    }
}
