package dev.omni.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics for {@code /metrics} (Micrometer): a latency timer per method, route pattern
 * (never the raw path, so ids do not multiply the series) and status, with buckets for the
 * latencies that matter here, and bytes received and sent per route.
 */
public final class HttpMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String route, int status, long nanos, long bytesIn, long bytesOut) {
        Timer.builder("omni.http.requests")
                .description("HTTP requests by method, route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (bytesIn > 0) {
            Counter.builder("omni.http.received.bytes").baseUnit("bytes").tag("route", route).register(registry)
                    .increment(bytesIn);
        }
        if (bytesOut > 0) {
            Counter.builder("omni.http.sent.bytes").baseUnit("bytes").tag("route", route).register(registry)
                    .increment(bytesOut);
        }
    }
}
