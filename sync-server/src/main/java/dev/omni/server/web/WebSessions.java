package dev.omni.server.web;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.auth.Secrets;
import dev.omni.server.http.Exchange;
import dev.omni.server.store.AuthRepository;
import dev.omni.server.store.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions: a random cookie (HttpOnly, SameSite=Lax, Secure and {@code __Host-} when the
 * server is reached over https), of which only the SHA-256 is stored, and a CSRF token per
 * session that every form posts back. Signing in replaces the session, so a session id planted
 * before sign-in is worthless after it.
 */
final class WebSessions {
    private final AuthRepository auth;
    private final Secrets secrets;
    private final Clock clock;
    private final Duration lifetime;
    private final boolean secure;
    private final String cookie;

    WebSessions(AuthRepository auth, Secrets secrets, Clock clock, Duration lifetime, boolean secure) {
        this.auth = auth;
        this.secrets = secrets;
        this.clock = clock;
        this.lifetime = lifetime;
        this.secure = secure;
        this.cookie = secure ? "__Host-omni_session" : "omni_session";
    }

    Optional<WebSession> current(Exchange x) {
        String value = x.cookies().get(cookie);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Optional<WebSession> s = auth.sessionByHash(Secrets.hash(value));
        if (s.isPresent() && !clock.instant().isBefore(s.get().expiresAt())) {
            auth.deleteSession(s.get().sessionHash());
            return Optional.empty();
        }
        s.ifPresent(ws -> x.logUser(ws.userId()));
        return s;
    }

    /** The current session, or a new anonymous one (for the CSRF token of a sign-in form). */
    WebSession ensure(Exchange x) {
        return current(x).orElseGet(() -> create(x, null));
    }

    WebSession signIn(Exchange x, WebSession old, String userId) {
        if (old != null) {
            auth.deleteSession(old.sessionHash());
        }
        x.logUser(userId);
        return create(x, userId);
    }

    void signOut(Exchange x, WebSession s) {
        auth.deleteSession(s.sessionHash());
        x.addHeader("Set-Cookie", cookie + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    private WebSession create(Exchange x, String userId) {
        String value = secrets.newSecret("", 32);
        Instant now = clock.instant();
        WebSession s = new WebSession(Secrets.hash(value), userId, secrets.newSecret("", 24), now, now.plus(lifetime));
        auth.insertSession(s);
        x.addHeader("Set-Cookie", cookie + "=" + value + "; Path=/; Max-Age=" + lifetime.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
        return s;
    }

    /** The session a form post belongs to; 403 unless its CSRF token matches. */
    WebSession requireForm(Exchange x, Map<String, String> form) {
        Optional<WebSession> s = current(x);
        if (s.isEmpty() || !Secrets.constantTimeEquals(s.get().csrfToken(), form.get("csrf"))) {
            throw new ServerException(ErrorCode.FORBIDDEN,
                    "This form has expired or did not come from this site. Go back, reload the page and try again.");
        }
        return s.get();
    }
}
