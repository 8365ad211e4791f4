package dev.omni.server.ops;

import dev.omni.server.http.Exchange;
import dev.omni.server.http.Router;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.store.MetadataStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What an operator's tools ask a server: {@code /healthz} (the process answers), {@code /readyz}
 * (the database and the object store answer, and the server is not stopping: a load balancer
 * sends it requests) and {@code /metrics} (Prometheus text format, from Micrometer's registry:
 * requests and latency per route and status, bytes in and out, objects stored, the database
 * pool, HTTP threads, JVM memory and threads).
 */
public final class Operations {
    private final PrometheusMeterRegistry registry;

    public Operations(QueuedThreadPool threads) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("omni.http.threads.busy", threads, QueuedThreadPool::getBusyThreads)
                .description("HTTP threads serving a request").register(registry);
        Gauge.builder("omni.http.threads.max", threads, QueuedThreadPool::getMaxThreads).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void routes(Router api, MetadataStore store, ObjectStore objects, BooleanSupplier stopping) {
        api.get("/healthz", x -> x.json(200, Map.of("status", "ok")));
        api.get("/readyz", x -> ready(x, store, objects, stopping));
        api.get("/metrics", x -> {
            x.header("Cache-Control", "no-store");
            x.send(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static void ready(Exchange x, MetadataStore store, ObjectStore objects, BooleanSupplier stopping) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean ok = !stopping.getAsBoolean();
        body.put("status", ok ? "ready" : "stopping");
        ok &= check(body, "database", store::ping);
        ok &= check(body, "objects", objects::ping);
        if (!ok && body.get("status").equals("ready")) {
            body.put("status", "unavailable");
        }
        x.header("Cache-Control", "no-store");
        x.json(ok ? 200 : 503, body);
    }

    /** Runs a ping; records "ok" or what failed (never a credential: the stores' messages name no password). */
    private static boolean check(Map<String, Object> body, String what, Ping ping) {
        try {
            ping.run();
            body.put(what, "ok");
            return true;
        } catch (Exception e) {
            body.put(what, String.valueOf(e.getMessage()));
            return false;
        }
    }

    @FunctionalInterface
    private interface Ping {
        void run() throws Exception;
    }
}
