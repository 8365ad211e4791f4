package dev.omni.server.cli;

import dev.omni.server.OmniServer;
import dev.omni.server.ServerOptions;
import dev.omni.server.storage.Storage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the server until it is stopped (Ctrl-C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "How clients and browsers reach this server, e.g. https://omni.example.org (default: http://localhost:PORT).")
    String baseUrl;

    @Option(names = "--open-registration", description = "Let anyone create an account on the web page.")
    boolean openRegistration;

    @Option(names = "--behind-proxy", description = "Trust X-Forwarded-For/Forwarded headers (only behind your own reverse proxy).")
    boolean behindProxy;

    @Option(names = "--api-rate-limit", paramLabel = "N",
            description = "API requests per minute per token (default: 1200).")
    Integer apiRateLimit;

    @Option(names = "--address-rate-limit", paramLabel = "N",
            description = "Device authorization, token polls and code entries per minute per client address"
                    + " (default: 30, 120 and 20).")
    Integer addressRateLimit;

    @Option(names = "--object-compression", paramLabel = "LEVEL", defaultValue = "0",
            description = "zstd level for uploaded objects in the packs; 0 stores them raw (default: ${DEFAULT-VALUE})."
                    + " Compression saves disk space for CPU time.")
    int objectCompression;

    @Option(names = "--db-pool", paramLabel = "N",
            description = "PostgreSQL connections of this instance (default: 16); with --db only.")
    Integer dbPool;

    @Option(names = "--quiet-log", description = "Do not echo request log lines to stdout (they still go to DATA/logs/requests.log).")
    boolean quietLog;

    @Override
    public Integer call() throws Exception {
        ServerOptions defaults = ServerOptions.defaults();
        ServerOptions.RateLimits r = defaults.rateLimits();
        ServerOptions options = defaults.toBuilder()
                .rateLimits(new ServerOptions.RateLimits(apiRateLimit != null ? apiRateLimit : r.apiPerToken(),
                        r.signInPerAddress(), r.signInPerEmail(),
                        addressRateLimit != null ? addressRateLimit : r.codeEntryPerAddress(),
                        addressRateLimit != null ? addressRateLimit : r.deviceAuthorizationPerAddress(),
                        addressRateLimit != null ? addressRateLimit : r.tokenPerAddress()))
                .host(host)
                .openRegistration(openRegistration)
                .behindProxy(behindProxy)
                .objectCompression(objectCompression)
                .requestLogEcho(quietLog ? null : new PrintStream(System.out, true, StandardCharsets.UTF_8))
                .build();
        Storage storage = data.storage();
        if (dbPool != null) {
            storage = storage.withPoolSize(dbPool);
        }
        OmniServer server = OmniServer.start(port, storage, baseUrl, options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "omni-shutdown"));
        System.err.println("omni server listening on " + host + ":" + server.port() + ", reachable as " + server.baseUrl()
                + " (" + storage + ")");
        server.join();
        return 0;
    }
}
