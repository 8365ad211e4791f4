package dev.omni.server.web;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.auth.Accounts;
import dev.omni.server.auth.DeviceFlow;
import dev.omni.server.auth.Secrets;
import dev.omni.server.http.Area;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.RateLimiter;
import dev.omni.server.http.Router;
import dev.omni.server.store.AuthRepository;
import dev.omni.server.store.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The HTML side: sign-in (and optional registration), entering or confirming a device code,
 * approving or denying it. Errors are pages, not JSON.
 */
public final class WebArea implements Area {
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private final Router router = new Router();
    private final WebSessions sessions;
    private final byte[] css;

    public WebArea(AuthRepository auth, Accounts accounts, DeviceFlow flow, Secrets secrets, ServerOptions options,
                   boolean secureCookies) {
        this.sessions = new WebSessions(auth, secrets, options.clock(), options.lifetimes().webSession(), secureCookies);
        this.css = resource("omni.css");
        RateLimiter signInByAddress = new RateLimiter(options.clock(), options.rateLimits().signInPerAddress());
        RateLimiter signInByEmail = new RateLimiter(options.clock(), options.rateLimits().signInPerEmail());
        RateLimiter codeEntry = new RateLimiter(options.clock(), options.rateLimits().codeEntryPerAddress());
        new SignInPages(sessions, accounts, options.openRegistration(), signInByAddress, signInByEmail).routes(router);
        new DevicePages(sessions, accounts, flow, codeEntry, options.clock()).routes(router);
        router.get("/static/omni.css", x -> {
            x.header("Cache-Control", "public, max-age=3600");
            x.send(200, "text/css; charset=utf-8", css);
        });
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebArea.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean owns(String path) {
        return true;
    }

    @Override
    public void handle(Exchange x) throws Exception {
        securityHeaders(x);
        Router.Match m = router.match(x.method(), x.path());
        x.pathParams(m.params());
        x.route(m.pattern());
        m.route().handle(x);
    }

    private static void securityHeaders(Exchange x) {
        x.header("Content-Security-Policy", CSP);
        x.header("X-Frame-Options", "DENY");
        x.header("X-Content-Type-Options", "nosniff");
        x.header("Referrer-Policy", "no-referrer");
        x.header("Cache-Control", "no-store");
    }

    @Override
    public void fail(Exchange x, ServerException e) {
        securityHeaders(x);
        String title = switch (e.code()) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Form expired";
            case RATE_LIMITED -> "Too many attempts";
            case INTERNAL -> "Something went wrong";
            default -> "That did not work";
        };
        Object retry = e.details().get("retry_after");
        if (retry != null) {
            x.header("Retry-After", retry.toString());
        }
        String body = "<h1>" + Html.esc(title) + "</h1>" + Html.notice("error", e.getMessage())
                + "<p><a href=\"/\">Back to the start page</a></p>";
        x.html(e.code() == ErrorCode.INTERNAL ? 500 : e.code().status(), Html.page(title, null, null, body));
    }

    /** The session's page header: who is signed in (null: nobody). */
    static String who(WebSession s, Accounts accounts) {
        if (s == null || s.userId() == null) {
            return null;
        }
        return accounts.byId(s.userId()).map(u -> u.email()).orElse(null);
    }
}
