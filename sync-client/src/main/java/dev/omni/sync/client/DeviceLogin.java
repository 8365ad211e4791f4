package dev.omni.sync.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import dev.omni.wire.DeviceAuthorization;
import dev.omni.wire.ErrorBody;
import dev.omni.wire.MediaTypes;
import dev.omni.wire.TokenResponse;
import dev.omni.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as a client runs it: ask for a code, show
 * it, poll the token endpoint at the server's interval (five seconds more after each
 * {@code slow_down}) until the user approves or denies it in a browser, or it expires.
 */
public final class DeviceLogin {
    public static final String CLIENT_ID = "omni-cli";

    private final HttpClient http;
    private final Discovery discovery;
    private final Retry retry;
    private final Sleeper sleeper;

    /** Waits between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public DeviceLogin(HttpClient http, Discovery discovery, Retry retry, Sleeper sleeper) {
        this.http = http;
        this.discovery = discovery;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** A code the user must approve. */
    public record Code(String deviceCode, String userCode, URI verificationUri, URI verificationUriComplete, Duration expiresIn,
                       Duration interval) {
    }

    /** The access token, once approved. */
    public record Token(String accessToken, Duration expiresIn) {
    }

    public Code start(String deviceName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("device_name", deviceName);
        JsonNode j = post(discovery.deviceAuthorization(), form, true);
        DeviceAuthorization a = as(j, DeviceAuthorization.class);
        if (a.deviceCode() == null || a.userCode() == null || a.verificationUri() == null) {
            throw new OmniException(OmniException.Kind.NETWORK, "the server's device authorization lacks the code or the"
                    + " verification address");
        }
        String complete = a.verificationUriComplete();
        // RFC 8628's defaults for what a server may leave out: 15 minutes to approve, polls 5 seconds apart.
        return new Code(a.deviceCode(), a.userCode(), URI.create(a.verificationUri()),
                complete == null ? null : URI.create(complete), Duration.ofSeconds(j.has("expires_in") ? a.expiresIn() : 900),
                Duration.ofSeconds(j.has("interval") ? a.interval() : 5));
    }

    /** Polls until the code is approved (the token), denied or expired (an AUTH error). */
    public Token await(Code code) {
        Duration interval = code.interval();
        long deadline = System.nanoTime() + code.expiresIn().toNanos() + Duration.ofSeconds(30).toNanos();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", Discovery.DEVICE_GRANT);
        form.put("device_code", code.deviceCode());
        form.put("client_id", CLIENT_ID);
        while (true) {
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OmniException(OmniException.Kind.AUTH, "login interrupted");
            }
            JsonNode j = post(discovery.token(), form, false);
            if (j.hasNonNull("access_token")) {
                TokenResponse t = as(j, TokenResponse.class);
                return new Token(t.accessToken(), Duration.ofSeconds(t.expiresIn()));
            }
            ErrorBody e = ServerClient.errorBody(j);
            String error = e.error() != null ? e.error() : "";
            switch (error) {
                case "authorization_pending" -> {
                    // keep polling
                }
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw new OmniException(OmniException.Kind.AUTH, "the login was denied in the browser");
                case "expired_token" -> throw new OmniException(OmniException.Kind.AUTH,
                        OmniException.Reason.LOGIN_CODE_EXPIRED,
                        "the code " + code.userCode() + " expired before it was approved");
                default -> throw new OmniException(OmniException.Kind.AUTH, "the server refused the login: "
                        + (e.errorDescription() != null ? e.errorDescription() : e.message() != null ? e.message() : error));
            }
            if (System.nanoTime() > deadline) {
                throw new OmniException(OmniException.Kind.AUTH, OmniException.Reason.LOGIN_CODE_EXPIRED,
                        "the code " + code.userCode() + " expired");
            }
        }
    }

    /** Posts a form; 400 answers are OAuth errors and come back as JSON (unless {@code strict}). */
    private JsonNode post(URI uri, Map<String, String> form, boolean strict) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return retry.run("POST " + uri.getPath(), () -> {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", MediaTypes.FORM).header("User-Agent", "omni-cli")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200 || (r.statusCode() == 400 && !strict)) {
                return ServerClient.parse(r.body());
            }
            if (r.statusCode() >= 500 || r.statusCode() == 429) {
                throw new IOException("HTTP " + r.statusCode());
            }
            ErrorBody e = ServerClient.errorBody(ServerClient.parse(r.body()));
            throw new OmniException(OmniException.Kind.AUTH, "the server refused the login (" + r.statusCode() + "): "
                    + (e.errorDescription() != null ? e.errorDescription() : e.message() != null ? e.message()
                    : e.error() != null ? e.error() : ""));
        });
    }

    private static <T> T as(JsonNode j, Class<T> type) {
        try {
            return WireJson.mapper().treeToValue(j, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new OmniException(OmniException.Kind.NETWORK, "the server's answer is not what RFC 8628 says: " + e.getMessage());
        }
    }
}
