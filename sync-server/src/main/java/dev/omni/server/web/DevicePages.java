package dev.omni.server.web;

import static dev.omni.server.web.Html.esc;

import dev.omni.server.auth.Accounts;
import dev.omni.server.auth.DeviceFlow;
import dev.omni.server.auth.UserCodes;
import dev.omni.server.http.Exchange;
import dev.omni.server.http.RateLimiter;
import dev.omni.server.http.Router;
import dev.omni.server.store.DeviceCode;
import dev.omni.server.store.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The verification_uri pages of RFC 8628: enter (or confirm the pre-filled) user code, see who
 * asks, approve or deny. A pre-filled code still needs a click on "Continue" and then on
 * "Approve": a link alone never approves anything.
 */
final class DevicePages {
    private static final long FORM_LIMIT = 16 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final WebSessions sessions;
    private final Accounts accounts;
    private final DeviceFlow flow;
    private final RateLimiter codeEntry;
    private final Clock clock;

    DevicePages(WebSessions sessions, Accounts accounts, DeviceFlow flow, RateLimiter codeEntry, Clock clock) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.flow = flow;
        this.codeEntry = codeEntry;
        this.clock = clock;
    }

    void routes(Router r) {
        r.get("/device", this::entry);
        r.post("/device", this::confirm);
        r.post("/device/decision", this::decide);
    }

    /** The signed-in session, or empty after answering with a redirect to the sign-in page. */
    private Optional<WebSession> signedIn(Exchange x, String returnTo) {
        Optional<WebSession> s = sessions.current(x);
        if (s.isEmpty() || s.get().userId() == null) {
            x.redirect(SignInPages.loginRedirect(returnTo));
            return Optional.empty();
        }
        return s;
    }

    private void entry(Exchange x) {
        String typed = x.query("user_code");
        String normal = UserCodes.normalise(typed);
        String prefill = normal != null ? UserCodes.display(normal) : "";
        Optional<WebSession> s = signedIn(x, normal == null ? "/device" : "/device?user_code=" + prefill);
        if (s.isPresent()) {
            x.html(200, entryPage(s.get(), prefill, null));
        }
    }

    private String entryPage(WebSession s, String prefill, String error) {
        String body = "<h1>Connect a device</h1>" + (error == null ? "" : Html.notice("error", error))
                + "<p>Enter the code your device shows.</p>"
                + "<form method=\"post\" action=\"/device\">" + Html.csrfField(s.csrfToken())
                + "<label for=\"user_code\">Code</label><input class=\"code\" type=\"text\" id=\"user_code\" name=\"user_code\""
                + " autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"12\""
                + " placeholder=\"XXXX-XXXX\" required value=\"" + esc(prefill) + "\">"
                + "<div class=\"actions\"><button class=\"btn\" type=\"submit\" id=\"continue\">Continue</button></div></form>";
        return Html.page("Connect a device", who(s), s.csrfToken(), body);
    }

    private String who(WebSession s) {
        return WebArea.who(s, accounts);
    }

    private void confirm(Exchange x) {
        Map<String, String> form = x.form(FORM_LIMIT);
        WebSession s = sessions.requireForm(x, form);
        if (signedIn(x, "/device").isEmpty()) {
            return;
        }
        String typed = form.getOrDefault("user_code", "");
        long wait = codeEntry.acquire(x.remoteAddress());
        if (wait > 0) {
            x.header("Retry-After", Long.toString(wait));
            x.html(429, entryPage(s, typed, "Too many codes entered. Wait " + wait + " seconds and try again."));
            return;
        }
        Optional<DeviceCode> dc = flow.lookup(typed);
        if (dc.isEmpty()) {
            x.html(404, entryPage(s, typed, "Unknown code. Check the code your device shows and type it again."));
            return;
        }
        if (answeredUnusable(x, s, dc.get())) {
            return;
        }
        x.html(200, confirmPage(s, dc.get()));
    }

    /** Answers the page for an expired or already decided code; false when the code is usable. */
    private boolean answeredUnusable(Exchange x, WebSession s, DeviceCode dc) {
        if (dc.expired(clock.instant())) {
            x.html(410, Html.page("Code expired", who(s), s.csrfToken(), "<h1>This code has expired</h1>"
                    + Html.notice("error", "The code " + UserCodes.display(dc.userCode())
                    + " is no longer valid. Start the login on your device again to get a new code.")
                    + "<p><a class=\"btn secondary\" href=\"/device\">Enter another code</a></p>"));
            return true;
        }
        if (dc.status() != DeviceCode.Status.PENDING) {
            String what = dc.status() == DeviceCode.Status.DENIED ? "denied" : "approved";
            x.html(409, Html.page("Code already used", who(s), s.csrfToken(), "<h1>This code was already " + what + "</h1>"
                    + Html.notice("error", "Each code can be used once. If this was not you, sign out and"
                    + " change your password.")
                    + "<p><a class=\"btn secondary\" href=\"/device\">Enter another code</a></p>"));
            return true;
        }
        return false;
    }

    private String confirmPage(WebSession s, DeviceCode dc) {
        String code = UserCodes.display(dc.userCode());
        long minutes = Math.max(0, Duration.between(clock.instant(), dc.expiresAt()).toMinutes());
        String hidden = Html.csrfField(s.csrfToken()) + "<input type=\"hidden\" name=\"user_code\" value=\"" + code + "\">";
        String body = "<h1>Approve this device?</h1>"
                + "<p>A device asks to sync with your account. Approve only if you started this login yourself"
                + " and the code matches the one it shows.</p>"
                + "<p class=\"big\" id=\"code\">" + esc(code) + "</p><dl>"
                + "<dt>Client</dt><dd id=\"client-id\">" + esc(dc.clientId()) + "</dd>"
                + (dc.deviceName() == null ? "" : "<dt>Device</dt><dd id=\"device-name\">" + esc(dc.deviceName()) + "</dd>")
                + "<dt>From</dt><dd id=\"address\">" + esc(dc.requesterAddress()) + "</dd>"
                + (dc.requesterAgent() == null ? "" : "<dt>Program</dt><dd>" + esc(dc.requesterAgent()) + "</dd>")
                + "<dt>Asked at</dt><dd>" + TIME.format(dc.createdAt()) + "</dd>"
                + "<dt>Expires</dt><dd>in " + minutes + " min</dd></dl>"
                + "<div class=\"actions\">"
                + "<form method=\"post\" action=\"/device/decision\">" + hidden
                + "<input type=\"hidden\" name=\"decision\" value=\"approve\">"
                + "<button class=\"btn\" type=\"submit\" id=\"approve\">Approve</button></form>"
                + "<form method=\"post\" action=\"/device/decision\">" + hidden
                + "<input type=\"hidden\" name=\"decision\" value=\"deny\">"
                + "<button class=\"btn danger\" type=\"submit\" id=\"deny\">Deny</button></form></div>";
        return Html.page("Approve this device?", who(s), s.csrfToken(), body);
    }

    private void decide(Exchange x) {
        Map<String, String> form = x.form(FORM_LIMIT);
        WebSession s = sessions.requireForm(x, form);
        if (signedIn(x, "/device").isEmpty()) {
            return;
        }
        String decision = form.get("decision");
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            x.html(400, entryPage(s, "", "Choose Approve or Deny."));
            return;
        }
        Optional<DeviceCode> dc = flow.lookup(form.get("user_code"));
        if (dc.isEmpty()) {
            x.html(404, entryPage(s, "", "Unknown code. Start again with the code your device shows."));
            return;
        }
        boolean approve = decision.equals("approve");
        if (!flow.decide(dc.get().userCode(), s.userId(), approve)) {
            DeviceCode now = flow.lookup(dc.get().userCode()).orElse(dc.get());
            if (!answeredUnusable(x, s, now)) {
                x.html(409, entryPage(s, "", "That code could not be used. Start again with the code your device shows."));
            }
            return;
        }
        String body = approve
                ? "<h1 id=\"result\">Device approved</h1>" + Html.notice("ok", "The device (" + dc.get().clientId()
                        + ") is now connected to your account. You can close this page and return to it.")
                : "<h1 id=\"result\">Request denied</h1>" + Html.notice("error", "The device was not connected."
                        + " If you did not start this login, someone may know your device code; nothing was shared.");
        x.html(200, Html.page(approve ? "Device approved" : "Request denied", who(s), s.csrfToken(), body));
    }
}
