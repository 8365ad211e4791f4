package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.server.testing.WebLogin;
import dev.omni.server.testing.WebLogin.Page;
import dev.omni.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The approval pages over plain HTTP: sign-in, CSRF, rate limits, and the pages for bad codes. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class WebPagesTest {
    @Parameter
    Backend backend;
    static TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    static TestServer server;
    static TestUser ann;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend, TestServer.testOptions().toBuilder().clock(clock).build());
        ann = server.createUser("ann@example.org", "correct horse battery");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Map<String, Object> authorize() {
        return server.client(null).form("/oauth/device_authorization", Map.of("client_id", "omni-cli")).json();
    }

    @Test
    void theVerificationPageSendsAnonymousVisitorsToSignInAndBack() {
        WebLogin web = new WebLogin(server.baseUrl());
        Page p = web.get("/device?user_code=BCDF-GHJK");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).isEqualTo("/login?next=%2Fdevice%3Fuser_code%3DBCDF-GHJK");
        Page form = web.get(p.location());
        assertThat(form.html()).contains("name=\"next\" value=\"/device?user_code=BCDF-GHJK\"");
        Page signedIn = web.post("/login", Map.of("csrf", form.csrf(), "email", ann.email(), "password", ann.password(),
                "next", "/device?user_code=BCDF-GHJK"));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/device?user_code=BCDF-GHJK");
        assertThat(web.get(signedIn.location()).html()).contains("value=\"BCDF-GHJK\"").contains(ann.email());
    }

    @Test
    void approvingThroughThePagesLetsTheDevicePollItsToken() {
        Map<String, Object> a = authorize();
        WebLogin web = new WebLogin(server.baseUrl());
        assertThat(web.signIn(ann.email(), ann.password()).status()).isEqualTo(303);
        Page done = web.decide((String) a.get("user_code"), true);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.html()).contains("Device approved");
        ApiClient.Reply token = server.client(null).form("/oauth/token", Map.of("grant_type",
                "urn:ietf:params:oauth:grant-type:device_code", "device_code", (String) a.get("device_code"),
                "client_id", "omni-cli"));
        assertThat(token.status()).isEqualTo(200);
        Page again = web.decide((String) a.get("user_code"), true);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html()).contains("already approved");
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefused() {
        WebLogin web = new WebLogin(server.baseUrl());
        web.get("/login");
        Page forged = web.post("/login", Map.of("csrf", "forged", "email", ann.email(), "password", ann.password()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.html()).contains("Form expired");
        WebLogin fresh = new WebLogin(server.baseUrl());
        assertThat(fresh.post("/login", Map.of("email", ann.email(), "password", ann.password())).status()).isEqualTo(403);

        assertThat(web.signIn(ann.email(), ann.password()).status()).isEqualTo(303);
        Page noCsrf = web.post("/device/decision", Map.of("user_code", "BCDF-GHJK", "decision", "approve"));
        assertThat(noCsrf.status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordsAreAnsweredAlikeAndSignInIsRateLimited() {
        WebLogin web = new WebLogin(server.baseUrl());
        Page wrong = web.signIn(ann.email(), "wrong password");
        Page unknown = web.signIn("nobody@example.org", "wrong password");
        assertThat(wrong.status()).isEqualTo(unknown.status()).isEqualTo(401);
        assertThat(wrong.html()).contains("Wrong email or password.");
        assertThat(unknown.html()).contains("Wrong email or password.");
        int status = 0;
        for (int i = 0; i < 12 && status != 429; i++) {
            status = web.signIn("target@example.org", "guess " + i).status();
        }
        assertThat(status).as("per-email limit").isEqualTo(429);
    }

    @Test
    void codeEntryIsRateLimitedPerAddress() {
        ServerOptions o = TestServer.testOptions();
        ServerOptions.RateLimits r = o.rateLimits();
        try (TestServer limited = TestServer.start(backend, o.toBuilder().rateLimits(new ServerOptions.RateLimits(r.apiPerToken(),
                r.signInPerAddress(), r.signInPerEmail(), 2, r.deviceAuthorizationPerAddress(), r.tokenPerAddress())).build())) {
            TestUser u = limited.createUser("guesser@example.org", "correct horse battery");
            WebLogin web = new WebLogin(limited.baseUrl());
            web.signIn(u.email(), u.password());
            String csrf = web.get("/device").csrf();
            assertThat(web.post("/device", Map.of("csrf", csrf, "user_code", "BBBB-BBBB")).status()).isEqualTo(404);
            assertThat(web.post("/device", Map.of("csrf", csrf, "user_code", "CCCC-CCCC")).status()).isEqualTo(404);
            Page limitedPage = web.post("/device", Map.of("csrf", csrf, "user_code", "DDDD-DDDD"));
            assertThat(limitedPage.status()).isEqualTo(429);
            assertThat(limitedPage.html()).contains("Too many codes entered");
        }
    }

    @Test
    void unknownAndExpiredCodesGetClearPages() {
        WebLogin web = new WebLogin(server.baseUrl());
        web.signIn(ann.email(), ann.password());
        Page unknown = web.decide("BBBB-BBBB", true);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.html()).contains("Unknown code");
        Page garbage = web.decide("not a code", true);
        assertThat(garbage.status()).isEqualTo(404);

        Map<String, Object> a = authorize();
        clock.advance(Duration.ofMinutes(20));
        Page expired = web.decide((String) a.get("user_code"), true);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.html()).contains("This code has expired");
    }

    @Test
    void confirmPageShowsWhichClientAsks() {
        ApiClient anon = server.client(null);
        Map<String, Object> a = anon.form("/oauth/device_authorization", Map.of("client_id", "omni-desktop",
                "device_name", "Ann's <b>laptop</b>")).json();
        WebLogin web = new WebLogin(server.baseUrl());
        web.signIn(ann.email(), ann.password());
        Page entry = web.get("/device?user_code=" + a.get("user_code"));
        Page confirm = web.post("/device", Map.of("csrf", entry.csrf(), "user_code", (String) a.get("user_code")));
        assertThat(confirm.html()).contains("omni-desktop").contains("Ann&#39;s &lt;b&gt;laptop&lt;/b&gt;")
                .contains("id=\"approve\"").contains("id=\"deny\"");
        Page denied = web.post("/device/decision", Map.of("csrf", confirm.csrf(), "user_code", (String) a.get("user_code"),
                "decision", "deny"));
        assertThat(denied.html()).contains("Request denied");
    }

    @Test
    void pagesCarrySecurityHeadersAndHttpOnlyCookies() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'")
                .contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Set-Cookie").orElse("")).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(r.body()).contains("name=\"viewport\"");
    }

    @Test
    void httpsBaseUrlsGetSecureHostCookies() {
        try (TestServer https = TestServer.start(backend, TestServer.testOptions())) {
            // The same server reached through a TLS proxy: its base URL says https.
            try (dev.omni.server.OmniServer s = dev.omni.server.OmniServer.start(0, https.dataDir().resolve("second"),
                    "https://omni.example.org", TestServer.testOptions())) {
                String cookie = new ApiClient("http://127.0.0.1:" + s.port(), null).get("/login").header("Set-Cookie");
                assertThat(cookie).startsWith("__Host-omni_session=").contains("; Secure");
            }
        }
    }

    @Test
    void registrationIsOffUnlessOpened() {
        assertThat(new WebLogin(server.baseUrl()).get("/register").status()).isEqualTo(404);
        try (TestServer open = TestServer.start(backend, TestServer.testOptions().toBuilder().openRegistration(true).build())) {
            WebLogin web = new WebLogin(open.baseUrl());
            Page form = web.get("/register");
            Page weak = web.post("/register", Map.of("csrf", form.csrf(), "email", "new@example.org", "password", "short"));
            assertThat(weak.status()).isEqualTo(400);
            Page made = web.post("/register", Map.of("csrf", form.csrf(), "email", "new@example.org", "name", "New",
                    "password", "long enough password"));
            assertThat(made.status()).isEqualTo(303);
            assertThat(web.get("/").html()).contains("new@example.org");
        }
    }
}
