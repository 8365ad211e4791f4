package dev.omni.server.web;

import static dev.omni.server.web.Html.esc;

import dev.omni.server.ServerException;
import dev.omni.server.auth.Accounts;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.RateLimiter;
import dev.omni.server.http.Router;
import dev.omni.server.store.User;
import dev.omni.server.store.WebSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Start page, sign in, sign out and (with --open-registration) sign up. */
final class SignInPages {
    private static final long FORM_LIMIT = 16 * 1024;
    private final WebSessions sessions;
    private final Accounts accounts;
    private final boolean openRegistration;
    private final RateLimiter byAddress;
    private final RateLimiter byEmail;

    SignInPages(WebSessions sessions, Accounts accounts, boolean openRegistration, RateLimiter byAddress,
                RateLimiter byEmail) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.openRegistration = openRegistration;
        this.byAddress = byAddress;
        this.byEmail = byEmail;
    }

    void routes(Router r) {
        r.get("/", this::home);
        r.get("/login", this::loginForm);
        r.post("/login", this::login);
        r.post("/logout", this::logout);
        if (openRegistration) {
            r.get("/register", this::registerForm);
            r.post("/register", this::register);
        }
    }

    private void home(Exchange x) {
        Optional<WebSession> s = sessions.current(x);
        String who = WebArea.who(s.orElse(null), accounts);
        if (who == null) {
            WebSession anon = sessions.ensure(x);
            x.html(200, Html.page("Welcome", null, anon.csrfToken(), "<h1>omni server</h1>"
                    + "<p>Sign in to approve a device that wants to sync with your account.</p>"
                    + "<p><a class=\"btn\" href=\"/login\">Sign in</a></p>"
                    + (openRegistration ? "<p class=\"muted\">No account yet? <a href=\"/register\">Create one</a>.</p>" : "")));
            return;
        }
        x.html(200, Html.page("Welcome", who, s.get().csrfToken(), "<h1>Signed in</h1>"
                + "<p>To connect a device, run <code>omni login</code> on it and enter the code it shows.</p>"
                + "<p><a class=\"btn\" href=\"/device\">Enter a code</a></p>"));
    }

    /** Only local paths: a sign-in link must not send the user to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private void loginForm(Exchange x) {
        WebSession s = sessions.ensure(x);
        x.html(200, loginPage(s, safeNext(x.query("next")), "", null));
    }

    private String loginPage(WebSession s, String next, String email, String error) {
        String body = "<h1>Sign in</h1>" + (error == null ? "" : Html.notice("error", error))
                + "<form method=\"post\" action=\"/login\">" + Html.csrfField(s.csrfToken())
                + "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">"
                + "<label for=\"email\">Email</label><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\""
                + " required autofocus value=\"" + esc(email) + "\">"
                + "<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\""
                + " autocomplete=\"current-password\" required>"
                + "<div class=\"actions\"><button class=\"btn\" type=\"submit\" id=\"sign-in\">Sign in</button></div></form>"
                + (openRegistration ? "<p class=\"muted\">No account yet? <a href=\"/register\">Create one</a>.</p>" : "");
        return Html.page("Sign in", null, s.csrfToken(), body);
    }

    private void login(Exchange x) {
        Map<String, String> form = x.form(FORM_LIMIT);
        WebSession s = sessions.requireForm(x, form);
        String email = form.getOrDefault("email", "").trim();
        String next = safeNext(form.get("next"));
        long wait = Math.max(byAddress.acquire(x.remoteAddress()), byEmail.acquire(email.toLowerCase(java.util.Locale.ROOT)));
        if (wait > 0) {
            x.header("Retry-After", Long.toString(wait));
            x.html(429, loginPage(s, next, email, "Too many sign-in attempts. Wait " + wait + " seconds and try again."));
            return;
        }
        Optional<User> u = accounts.signIn(email, form.get("password"));
        if (u.isEmpty()) {
            x.html(401, loginPage(s, next, email, "Wrong email or password."));
            return;
        }
        sessions.signIn(x, s, u.get().id());
        x.redirect(next);
    }

    private void logout(Exchange x) {
        Map<String, String> form = x.form(FORM_LIMIT);
        WebSession s = sessions.requireForm(x, form);
        sessions.signOut(x, s);
        x.redirect("/");
    }

    private void registerForm(Exchange x) {
        x.html(200, registerPage(sessions.ensure(x), "", "", null));
    }

    private String registerPage(WebSession s, String email, String name, String error) {
        String body = "<h1>Create an account</h1>" + (error == null ? "" : Html.notice("error", error))
                + "<form method=\"post\" action=\"/register\">" + Html.csrfField(s.csrfToken())
                + "<label for=\"email\">Email</label><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\""
                + " required value=\"" + esc(email) + "\">"
                + "<label for=\"name\">Name (optional)</label><input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"name\""
                + " value=\"" + esc(name) + "\">"
                + "<label for=\"password\">Password (at least 8 characters)</label><input type=\"password\" id=\"password\""
                + " name=\"password\" autocomplete=\"new-password\" required minlength=\"8\">"
                + "<div class=\"actions\"><button class=\"btn\" type=\"submit\" id=\"register\">Create account</button></div></form>";
        return Html.page("Create an account", null, s.csrfToken(), body);
    }

    private void register(Exchange x) {
        Map<String, String> form = x.form(FORM_LIMIT);
        WebSession s = sessions.requireForm(x, form);
        String email = form.getOrDefault("email", "");
        String name = form.getOrDefault("name", "");
        long wait = byAddress.acquire(x.remoteAddress());
        if (wait > 0) {
            x.header("Retry-After", Long.toString(wait));
            x.html(429, registerPage(s, email, name, "Too many attempts. Wait " + wait + " seconds and try again."));
            return;
        }
        User u;
        try {
            u = accounts.add(email, name, form.get("password"));
        } catch (ServerException e) {
            x.html(e.code().status(), registerPage(s, email, name, e.getMessage()));
            return;
        }
        sessions.signIn(x, s, u.id());
        x.redirect("/");
    }

    static String loginRedirect(String next) {
        return "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
