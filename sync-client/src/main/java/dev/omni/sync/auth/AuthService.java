package dev.omni.sync.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.config.Config;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import dev.omni.sync.client.DeviceLogin;
import dev.omni.sync.client.Discovery;
import dev.omni.sync.client.Retry;
import dev.omni.sync.client.ServerClient;
import dev.omni.wire.UserView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Logging in to an omni server and staying logged in. What is not secret (server, user, where
 * the token is, when it expires) is in {@code <config>/auth.json}; the token itself is in the OS
 * keyring when there is one, else in a 0600 file beside the config — never in the database or a
 * log.
 */
public final class AuthService {
    private final Omni omni;
    private final Path configDir;
    /** Made on first use: reading the login state (auth status, the daemon's queue) needs none. */
    private HttpClient http;

    public AuthService(Omni omni) {
        this(omni, null);
    }

    public AuthService(Omni omni, HttpClient http) {
        this.omni = omni;
        this.configDir = omni.home().configDir();
        this.http = http;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = ServerClient.newHttp();
        }
        return http;
    }

    /** Who is logged in, where, and where the token is kept. */
    public record Login(URI server, String userId, String email, String name, String tokenStore, String tokenWhere,
                        Instant loggedInAt, Instant expiresAt) {
        public boolean expired(Instant now) {
            return expiresAt != null && now.isAfter(expiresAt);
        }
    }

    /** Called while logging in: the code to show, and later that the browser step is done. */
    public interface Listener {
        void code(DeviceLogin.Code code);
    }

    /** The server to use: {@code explicit}, else {@code $OMNI_SERVER}, else the config's, else the last login's. */
    public URI server(String explicit) {
        String s = explicit;
        if (s == null) {
            s = omni.env().get("OMNI_SERVER");
        }
        if (s == null) {
            s = Config.load(configDir).get(Config.Key.SERVER);
        }
        if ((s == null || s.isEmpty()) && status().isPresent()) {
            return status().get().server();
        }
        if (s == null || s.isEmpty()) {
            throw new OmniException(OmniException.Kind.INVALID_INPUT, OmniException.Reason.NO_SERVER, "no server given");
        }
        try {
            URI u = URI.create(s.replaceAll("/+$", ""));
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw OmniException.invalid("not an http(s) URL: " + s);
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw OmniException.invalid("not a URL: " + s);
        }
    }

    public Retry retry(URI server) {
        String budget = omni.env().get("OMNI_RETRY_SECONDS");
        return new Retry(budget == null ? 30_000 : (long) (Double.parseDouble(budget) * 1000), server.toString());
    }

    /** Runs the device flow against {@code server}; stores the token; returns the login. */
    public Login login(URI server, Listener listener, DeviceLogin.Sleeper sleeper, Warnings warnings) {
        Retry retry = retry(server);
        Discovery d = Discovery.of(http(), server, retry);
        DeviceLogin flow = new DeviceLogin(http(), d, retry, sleeper);
        DeviceLogin.Code code = flow.start(omni.machineName());
        listener.code(code);
        DeviceLogin.Token token = flow.await(code);
        ServerClient client = new ServerClient(http(), server, d.apiBase(), token.accessToken(), retry);
        UserView me = client.me();
        TokenStore store = tokenStore(warnings);
        store.save(server.toString(), token.accessToken());
        Instant now = omni.now();
        Login login = new Login(server, me.id(), me.email(), me.name(),
                store.kind(), store.where(), now, token.expiresIn().isZero() ? null : now.plus(token.expiresIn()));
        save(login, d.apiBase());
        return login;
    }

    /**
     * The token store: the OS keyring when one answers, else the 0600 file (with a warning). Set
     * {@code OMNI_CREDENTIALS=file} (or {@code keyring}) to choose.
     */
    public TokenStore tokenStore(Warnings warnings) {
        String choice = omni.env().get("OMNI_CREDENTIALS");
        FileTokenStore file = new FileTokenStore(configDir);
        if ("file".equals(choice)) {
            return file;
        }
        boolean linuxBus = !System.getProperty("os.name", "").toLowerCase().contains("linux") || omni.env().get("DBUS_SESSION_BUS_ADDRESS") != null;
        Optional<TokenStore> keyring = "keyring".equals(choice) || linuxBus ? KeyringTokenStore.open() : Optional.empty();
        if (keyring.isPresent()) {
            return keyring.get();
        }
        if ("keyring".equals(choice)) {
            throw new OmniException(OmniException.Kind.IO, "OMNI_CREDENTIALS=keyring, but no OS keyring answers");
        }
        warnings.warn(null, "no OS keyring available; the token is stored in " + file.where() + " (readable only by you)");
        return file;
    }

    private TokenStore storeOf(Login login) {
        if ("keyring".equals(login.tokenStore())) {
            return KeyringTokenStore.open().orElseGet(() -> new FileTokenStore(configDir));
        }
        return new FileTokenStore(configDir);
    }

    /** The current login, if any. */
    public Optional<Login> status() {
        Path f = configDir.resolve("auth.json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode j = Json.mapper().readTree(Files.readAllBytes(f));
            return Optional.of(new Login(URI.create(j.path("server").asText()), j.path("user_id").asText(), j.path("email").asText(),
                    j.path("name").asText(null), j.path("token_store").asText("file"), j.path("token_where").asText(),
                    Times.parse(j.path("logged_in_at").asText(null)), Times.parse(j.path("expires_at").asText(null))));
        } catch (IOException | RuntimeException e) {
            throw new OmniException(OmniException.Kind.INVALID_INPUT, OmniException.Reason.CREDENTIALS_DAMAGED,
                    f + " is damaged (" + e.getMessage() + ")");
        }
    }

    private String apiBase() {
        try {
            return Json.mapper().readTree(Files.readAllBytes(configDir.resolve("auth.json"))).path("api_base").asText("/v1");
        } catch (IOException e) {
            return "/v1";
        }
    }

    private void save(Login l, String apiBase) {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("server", l.server().toString());
        j.put("api_base", apiBase);
        j.put("user_id", l.userId());
        j.put("email", l.email());
        j.put("name", l.name());
        j.put("token_store", l.tokenStore());
        j.put("token_where", l.tokenWhere());
        j.put("logged_in_at", Times.format(l.loggedInAt()));
        j.put("expires_at", l.expiresAt() == null ? null : Times.format(l.expiresAt()));
        try {
            Files.createDirectories(configDir);
            Path tmp = configDir.resolve("auth.json.tmp");
            Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, configDir.resolve("auth.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + configDir.resolve("auth.json") + ": " + e.getMessage(), e);
        }
    }

    /** A client for the logged-in server; AUTH errors when not logged in, expired, or the token is gone. */
    public ServerClient client() {
        Login l = status().orElseThrow(() -> new OmniException(OmniException.Kind.AUTH, OmniException.Reason.NOT_LOGGED_IN,
                "not logged in"));
        if (l.expired(omni.now())) {
            throw new OmniException(OmniException.Kind.AUTH, OmniException.Reason.LOGIN_EXPIRED, "your login to " + l.server() + " expired");
        }
        String token = storeOf(l).load(l.server().toString()).orElseThrow(() -> new OmniException(OmniException.Kind.AUTH,
                OmniException.Reason.LOGIN_EXPIRED, "the token for " + l.server() + " is gone from " + l.tokenWhere()));
        return new ServerClient(http(), l.server(), apiBase(), token, retry(l.server()));
    }

    /**
     * Revokes the token on the server (when it can be reached) and forgets it here. Returns whether
     * the server confirmed; the local copy is deleted either way.
     */
    public boolean logout(Consumer<String> warn) {
        Login l = status().orElseThrow(() -> new OmniException(OmniException.Kind.AUTH, "not logged in"));
        TokenStore store = storeOf(l);
        boolean revoked = false;
        Optional<String> token = store.load(l.server().toString());
        if (token.isPresent()) {
            try {
                new ServerClient(http(), l.server(), apiBase(), token.get(), new Retry(3_000, l.server().toString())).logout();
                revoked = true;
            } catch (OmniException e) {
                warn.accept("could not revoke the token on " + l.server() + " (" + e.getMessage() + "); it is deleted here anyway");
            }
        }
        store.delete(l.server().toString());
        try {
            Files.deleteIfExists(configDir.resolve("auth.json"));
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot delete " + configDir.resolve("auth.json") + ": " + e.getMessage(), e);
        }
        return revoked;
    }
}
