package dev.omni.server.auth;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.RateLimiter;
import dev.omni.server.http.Router;
import dev.omni.server.store.User;
import dev.omni.wire.DeviceAuthorization;
import dev.omni.wire.ServerMetadata;
import dev.omni.wire.TokenResponse;
import dev.omni.wire.UserView;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Discovery (RFC 8414), the device authorization and token endpoints (RFC 8628), logout and
 * {@code /v1/me}. Requests are form-encoded as the RFCs say; answers are JSON.
 */
public final class OAuthEndpoints {
    public static final String DEVICE_GRANT = ServerMetadata.DEVICE_GRANT;
    public static final String DEVICE_PATH = "/oauth/device_authorization";
    public static final String TOKEN_PATH = "/oauth/token";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final long FORM_LIMIT = 16 * 1024;

    private final DeviceFlow flow;
    private final Authenticator authenticator;
    private final Accounts accounts;
    private final String baseUrl;
    private final RateLimiter deviceLimiter;
    private final RateLimiter tokenLimiter;

    public OAuthEndpoints(DeviceFlow flow, Authenticator authenticator, Accounts accounts, String baseUrl,
                          ServerOptions options) {
        this.flow = flow;
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.baseUrl = baseUrl;
        this.deviceLimiter = new RateLimiter(options.clock(), options.rateLimits().deviceAuthorizationPerAddress());
        this.tokenLimiter = new RateLimiter(options.clock(), options.rateLimits().tokenPerAddress());
    }

    public void routes(Router r) {
        r.get(ServerMetadata.PATH, this::metadata);
        r.post(DEVICE_PATH, this::deviceAuthorization);
        r.post(TOKEN_PATH, this::token);
        r.post("/v1/auth/logout", this::logout);
        r.get("/v1/me", this::me);
    }

    private void metadata(Exchange x) {
        x.json(200, new ServerMetadata(baseUrl, baseUrl + DEVICE_PATH, baseUrl + TOKEN_PATH, List.of(DEVICE_GRANT), List.of(),
                List.of("none"), ServerMetadata.API_BASE));
    }

    private void deviceAuthorization(Exchange x) {
        RateLimits.check(deviceLimiter, x.remoteAddress(), "device authorization requests");
        Map<String, String> form = x.form(FORM_LIMIT);
        String clientId = form.get("client_id");
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new ServerException(ErrorCode.INVALID_CLIENT,
                    "client_id is required: 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        String deviceName = form.get("device_name");
        if (deviceName != null && deviceName.length() > 100) {
            deviceName = deviceName.substring(0, 100);
        }
        String scope = form.get("scope");
        if (scope != null && scope.length() > 200) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "scope is too long");
        }
        String agent = x.header("User-Agent");
        DeviceAuthorization a = flow.authorize(new DeviceFlow.Requester(clientId, scope, deviceName,
                x.remoteAddress(), agent == null ? null : agent.substring(0, Math.min(agent.length(), 200))));
        x.header("Cache-Control", "no-store");
        x.json(200, a);
    }

    private void token(Exchange x) {
        RateLimits.check(tokenLimiter, x.remoteAddress(), "token requests");
        Map<String, String> form = x.form(FORM_LIMIT);
        String grant = form.get("grant_type");
        if (grant == null || grant.isEmpty()) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "grant_type is required");
        }
        if (!grant.equals(DEVICE_GRANT)) {
            throw new ServerException(ErrorCode.UNSUPPORTED_GRANT_TYPE, "this server supports only " + DEVICE_GRANT);
        }
        TokenResponse g = flow.poll(form.get("device_code"), form.get("client_id"));
        x.header("Cache-Control", "no-store");
        x.json(200, g);
    }

    private void logout(Exchange x) {
        authenticator.logout(x.header("Authorization"));
        x.json(200, Map.of("revoked", true));
    }

    private void me(Exchange x) {
        User u = accounts.byId(x.userId()).orElseThrow(() -> new ServerException(ErrorCode.UNAUTHORIZED, "no such user"));
        x.json(200, new UserView(u.id(), u.email(), u.name()));
    }
}
