package dev.omni.server.testing;

import dev.omni.server.OmniServer;
import dev.omni.server.ServerOptions;
import dev.omni.server.storage.Storage;
import dev.omni.server.auth.UserCodes;
import dev.omni.server.store.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real omni server, in-process on 127.0.0.1 and a free port, over a fresh temporary data
 * directory, for end-to-end tests (this module's and the client's: depend on omni-server's
 * test-jar). It creates users, approves or denies device codes without a browser, and hands out
 * tokens through the real device flow.
 *
 * <pre>
 * try (TestServer server = TestServer.start()) {
 *     TestUser ann = server.createUser("ann@example.org", "correct horse");
 *     String token = server.login(ann);          // device flow over HTTP, approved programmatically
 *     ApiClient api = server.client(token);
 *     api.get("/v1/me");
 * }
 * </pre>
 */
public final class TestServer implements AutoCloseable {
    private final OmniServer server;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Storage storage;
    private final Backend.TestStorage owned;

    private TestServer(OmniServer server, Path dataDir, boolean ownsDataDir, Storage storage, Backend.TestStorage owned) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.storage = storage;
        this.owned = owned;
    }

    /**
     * Options for tests: bound to 127.0.0.1, no poll interval (a client may poll at once), and a
     * cheap Argon2id so that tests that create many users stay fast.
     */
    public static ServerOptions testOptions() {
        ServerOptions d = ServerOptions.defaults();
        return d.toBuilder()
                .host("127.0.0.1")
                .lifetimes(new ServerOptions.Lifetimes(d.lifetimes().deviceCode(), Duration.ZERO, d.lifetimes().token(),
                        d.lifetimes().webSession()))
                .passwordCost(1024, 1)
                .build();
    }

    public static TestServer start() {
        return start(testOptions());
    }

    public static TestServer start(ServerOptions options) {
        return start(Backend.SQLITE, options);
    }

    public static TestServer start(Backend backend) {
        return start(backend, testOptions());
    }

    /** A server over fresh backends of the kind {@code backend} (a temporary data directory, database and bucket). */
    public static TestServer start(Backend backend, ServerOptions options) {
        Path dir;
        try {
            dir = Files.createTempDirectory("omni-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Backend.TestStorage made = backend.create(dir);
        try {
            return new TestServer(OmniServer.start(0, made.storage(), null, options), dir, true, made.storage(), made);
        } catch (RuntimeException e) {
            made.close();
            deleteTree(dir);
            throw e;
        }
    }

    /** A server over an existing data directory (which this does not delete). */
    public static TestServer start(Path dataDir, ServerOptions options) {
        return start(Storage.local(dataDir), options);
    }

    /**
     * A server over existing backends, which this leaves as they are: a second instance over the
     * same database and bucket, or a restart.
     */
    public static TestServer start(Storage storage, ServerOptions options) {
        return new TestServer(OmniServer.start(0, storage, null, options), storage.dataDir(), false, storage, null);
    }

    /** The command-line options that reach this server's backends (for {@code verify}, {@code user}, ...). */
    public java.util.List<String> cliArgs() {
        return Backend.cliArgs(storage);
    }

    /** The backends this server runs on. */
    public Storage storage() {
        return storage;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public OmniServer server() {
        return server;
    }

    public TestUser createUser(String email, String password) {
        User u = server.accounts().add(email, null, password);
        return new TestUser(u.id(), u.email(), password);
    }

    /** Approves a pending user code (as shown, e.g. {@code WDJB-MJHT}) on behalf of {@code user}. */
    public void approve(String userCode, TestUser user) {
        decide(userCode, user, true);
    }

    public void deny(String userCode, TestUser user) {
        decide(userCode, user, false);
    }

    private void decide(String userCode, TestUser user, boolean approve) {
        String code = UserCodes.normalise(userCode);
        if (code == null || !server.deviceFlow().decide(code, user.id(), approve)) {
            throw new IllegalStateException("no pending device code " + userCode);
        }
    }

    /** Runs the device flow over HTTP for {@code user} and returns the access token. */
    public String login(TestUser user) {
        return login(user, "omni-test");
    }

    public String login(TestUser user, String clientId) {
        ApiClient anonymous = new ApiClient(baseUrl(), null);
        Map<String, Object> auth = anonymous.form("/oauth/device_authorization", Map.of("client_id", clientId)).json();
        approve((String) auth.get("user_code"), user);
        ApiClient.Reply token = anonymous.form("/oauth/token", Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", (String) auth.get("device_code"),
                "client_id", clientId));
        if (token.status() != 200) {
            throw new IllegalStateException("token request failed: " + token.text());
        }
        return (String) token.json().get("access_token");
    }

    /** An HTTP client of this server sending {@code token} (null: none). */
    public ApiClient client(String token) {
        return new ApiClient(baseUrl(), token);
    }

    @Override
    public void close() {
        server.stop();
        if (owned != null) {
            owned.close();
        }
        if (ownsDataDir) {
            deleteTree(dataDir);
        }
    }

    /** Deletes a directory tree, quietly (for temporary directories of tests). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
