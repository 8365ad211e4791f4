package dev.omni.server;

import dev.omni.server.auth.Authenticator;
import dev.omni.server.auth.RateLimits;
import dev.omni.server.http.Area;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.RateLimiter;
import dev.omni.server.http.Router;
import dev.omni.server.store.AccessToken;
import java.util.Set;

/**
 * The JSON side: {@code /v1/…} (bearer token, per-token rate limit), {@code /oauth/…},
 * {@code /.well-known/…}, {@code /healthz}, {@code /readyz} and {@code /metrics}. Errors are {@code {"error", "message"}}; OAuth
 * errors also carry RFC 6749's {@code error_description}.
 */
final class ApiArea implements Area {
    /** Calls under /v1 that do their own token handling. */
    private static final Set<String> OWN_AUTH = Set.of("/v1/auth/logout");
    private final Router router;
    private final Authenticator authenticator;
    private final RateLimiter perToken;

    ApiArea(Router router, Authenticator authenticator, RateLimiter perToken) {
        this.router = router;
        this.authenticator = authenticator;
        this.perToken = perToken;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/v1/") || path.startsWith("/oauth/") || path.startsWith("/.well-known/")
                || path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics") || path.equals("/v1");
    }

    @Override
    public void handle(Exchange x) throws Exception {
        String path = x.path();
        Router.Match m = null;
        ServerException noRoute = null;
        try {
            m = router.match(x.method(), path);
            x.route(m.pattern());
        } catch (ServerException e) {
            noRoute = e; // answered after authentication, as before: an unknown call needs a token too
        }
        if (path.startsWith("/v1/") && !OWN_AUTH.contains(path)) {
            AccessToken t = authenticator.authenticate(x.header("Authorization"));
            RateLimits.check(perToken, t.tokenHash(), "requests with this token");
            x.authenticate(t.userId(), t.clientId());
        }
        if (noRoute != null) {
            throw noRoute;
        }
        x.pathParams(m.params());
        m.route().handle(x);
    }

    @Override
    public void fail(Exchange x, ServerException e) {
        Object retry = e.details().get("retry_after");
        if (retry != null) {
            x.header("Retry-After", retry.toString());
        }
        if (x.path().startsWith("/oauth/")) {
            x.header("Cache-Control", "no-store");
            java.util.Map<String, Object> details = new java.util.LinkedHashMap<>(e.details());
            details.put("error_description", e.getMessage());
            x.error(new ServerException(e.code(), e.getMessage(), details));
            return;
        }
        x.error(e);
    }
}
