package dev.omni.server;

import dev.omni.core.model.Ulid;
import dev.omni.server.auth.Accounts;
import dev.omni.server.auth.Authenticator;
import dev.omni.server.auth.DeviceFlow;
import dev.omni.server.auth.OAuthEndpoints;
import dev.omni.server.auth.Passwords;
import dev.omni.server.auth.Secrets;
import dev.omni.server.http.HttpMetrics;
import dev.omni.server.http.RateLimiter;
import dev.omni.server.http.RequestLog;
import dev.omni.server.http.RootHandler;
import dev.omni.server.http.Router;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.objects.ObjectsApi;
import dev.omni.server.ops.Operations;
import dev.omni.server.storage.Storage;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.sync.ChangesApi;
import dev.omni.server.sync.ProjectsApi;
import dev.omni.server.sync.SnapshotsApi;
import dev.omni.server.web.WebArea;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The omni server, embeddable: {@link #start} binds, migrates and serves; {@link #stop} shuts it
 * down. Data lives under one directory: {@code server.db} (SQLite metadata and the object index),
 * {@code objects/} (per-user pack files) and {@code logs/requests.log}.
 */
public final class OmniServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OmniServer.class);
    private final Server jetty;
    private final MetadataStore store;
    private final ObjectStore objects;
    private final RequestLog requestLog;
    private final ScheduledExecutorService housekeeping;
    private final int port;
    private final String baseUrl;
    private final Accounts accounts;
    private final DeviceFlow deviceFlow;
    private final AtomicBoolean stopping;
    private final Runnable upkeep;

    private OmniServer(Server jetty, MetadataStore store, ObjectStore objects, RequestLog requestLog,
                       ScheduledExecutorService housekeeping, int port, String baseUrl, Accounts accounts,
                       DeviceFlow deviceFlow, AtomicBoolean stopping, Runnable upkeep) {
        this.stopping = stopping;
        this.upkeep = upkeep;
        this.jetty = jetty;
        this.store = store;
        this.objects = objects;
        this.requestLog = requestLog;
        this.housekeeping = housekeeping;
        this.port = port;
        this.baseUrl = baseUrl;
        this.accounts = accounts;
        this.deviceFlow = deviceFlow;
    }

    /**
     * Starts a server on {@code port} (0: any free port) over the data in {@code dataDir}.
     * {@code baseUrl} is how browsers and clients reach it (used in discovery and in
     * verification_uri); null means {@code http://<host>:<port>}.
     */
    public static OmniServer start(int port, Path dataDir, String baseUrl, ServerOptions options) {
        return start(port, Storage.local(dataDir), baseUrl, options);
    }

    /** Starts a server on {@code port} over the backends of {@code storage}; see {@link #start(int, Path, String, ServerOptions)}. */
    public static OmniServer start(int port, Storage storage, String baseUrl, ServerOptions options) {
        MetadataStore store = null;
        ObjectStore objects = null;
        Server jetty = null;
        Path dataDir = storage.dataDir();
        try {
            Files.createDirectories(dataDir);
            QueuedThreadPool threads = new QueuedThreadPool(64, 4);
            threads.setName("omni-http");
            Operations ops = new Operations(threads);
            store = storage.openMetadata(ops.registry());
            objects = storage.openObjects(store, options.limits().concurrentObjectSyncs(), options.objectCompression(),
                    options.clock());
            RequestLog log = new RequestLog(dataDir.resolve("logs").resolve("requests.log"), options.requestLogEcho());

            jetty = new Server(threads);
            // Bound before the handlers are built: with port 0 the base URL needs the real port.
            ServerConnector connector = connector(jetty, port, options);
            int actual = connector.getLocalPort();
            String base = normaliseBase(baseUrl != null ? baseUrl
                    : "http://" + (options.host().equals("0.0.0.0") ? "localhost" : options.host()) + ":" + actual);

            Secrets secrets = new Secrets(new SecureRandom());
            Passwords passwords = new Passwords(secrets, options.passwordMemoryKiB(), options.passwordIterations());
            Accounts accounts = new Accounts(store.users(), passwords, new Ulid(options.clock()), options.clock());
            DeviceFlow flow = new DeviceFlow(store.auth(), secrets, options.clock(), options.lifetimes(), base + "/device");
            Authenticator authenticator = new Authenticator(store.auth(), options.clock());

            Router api = new Router();
            AtomicBoolean stopping = new AtomicBoolean();
            ops.routes(api, store, objects, stopping::get);
            new OAuthEndpoints(flow, authenticator, accounts, base, options).routes(api);
            syncRoutes(api, store, objects, options, ops.registry());
            ApiArea apiArea = new ApiArea(api, authenticator,
                    new RateLimiter(options.clock(), options.rateLimits().apiPerToken()));
            WebArea web = new WebArea(store.auth(), accounts, flow, secrets, options, base.startsWith("https://"));
            // Stopping (SIGTERM): the connector stops accepting, requests in flight finish (up to the
            // stop timeout), then the stores close.
            GracefulHandler graceful = new GracefulHandler(new RootHandler(List.of(apiArea, web), log, options.clock(),
                    new HttpMetrics(ops.registry())));
            jetty.setHandler(graceful);
            jetty.setStopTimeout(options.stopTimeout().toMillis());
            jetty.start();

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "omni-housekeeping");
                t.setDaemon(true);
                return t;
            });
            MetadataStore s = store;
            ObjectStore o = objects;
            Runnable upkeep = () -> purge(s, o, options);
            housekeeping.scheduleWithFixedDelay(upkeep, 1, 60, TimeUnit.MINUTES);
            return new OmniServer(jetty, store, objects, log, housekeeping, actual, base, accounts, flow, stopping, upkeep);
        } catch (Exception e) {
            stopQuietly(jetty);
            closeQuietly(objects);
            if (store != null) {
                store.close();
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the omni server on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static ServerConnector connector(Server jetty, int port, ServerOptions options) throws IOException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        if (options.behindProxy()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(port);
        connector.setIdleTimeout(60_000);
        jetty.addConnector(connector);
        connector.open();
        return connector;
    }

    private static void syncRoutes(Router api, MetadataStore store, ObjectStore objects, ServerOptions options,
                                   MeterRegistry registry) {
        new ProjectsApi(store.sync(), options.clock(), options.limits()).routes(api);
        new SnapshotsApi(store.sync(), objects, options.clock(), options.limits()).routes(api);
        new ObjectsApi(objects, options.limits(), registry).routes(api);
        new ChangesApi(store.changes(), options.clock(), options.limits()).routes(api);
    }

    /** The metadata store of a data directory, for the admin commands. */
    public static MetadataStore openStore(Path dataDir) {
        return Storage.local(dataDir).openMetadata(null);
    }

    private static void purge(MetadataStore store, ObjectStore objects, ServerOptions options) {
        try {
            store.auth().purgeExpired(options.clock().instant());
            objects.housekeeping(options.clock().instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("housekeeping failed: {}", e.getMessage());
        }
    }

    private static String normaliseBase(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new IllegalArgumentException("the base URL must start with http:// or https://, not " + url);
        }
        return u;
    }

    private static void closeQuietly(ObjectStore objects) {
        if (objects != null) {
            try {
                objects.close();
            } catch (IOException ignored) {
                // already failing or stopping; nothing is lost, the lock goes with the process anyway
            }
        }
    }

    private static void stopQuietly(Server jetty) {
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing; the original error matters
            }
        }
    }

    public int port() {
        return port;
    }

    /** How clients reach this server, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Accounts of this server (for admin tools and test fixtures). */
    public Accounts accounts() {
        return accounts;
    }

    /** The device flow of this server (for test fixtures that approve codes without a browser). */
    public DeviceFlow deviceFlow() {
        return deviceFlow;
    }

    /** Runs the hourly housekeeping now (expired codes and sessions, stale uploads); for tests. */
    public void housekeepingNow() {
        upkeep.run();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops gracefully: {@code /readyz} answers 503 at once, the connector stops accepting, requests
     * in flight finish (up to {@link ServerOptions#stopTimeout()}), then the stores close. Calling it
     * again does nothing.
     */
    public void stop() {
        if (stopping.getAndSet(true)) {
            return;
        }
        housekeeping.shutdownNow();
        stopQuietly(jetty);
        closeQuietly(objects);
        store.close();
        try {
            requestLog.close();
        } catch (IOException ignored) {
            // nothing left to write
        }
    }

    @Override
    public void close() {
        stop();
    }
}
