package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.auth.UserCodes;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Discovery (RFC 8414), device authorization and token endpoints (RFC 8628), logout and /v1/me. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class DeviceFlowTest {
    @Parameter
    Backend backend;
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    static TestServer server;
    static TestUser ann;
    static ApiClient anon;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend, TestServer.testOptions().toBuilder().clock(clock).build());
        ann = server.createUser("ann@example.org", "correct horse battery");
        anon = server.client(null);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Map<String, Object> authorize(String clientId) {
        Reply r = anon.form("/oauth/device_authorization", Map.of("client_id", clientId, "device_name", "laptop"));
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    static Reply poll(Object deviceCode, String clientId) {
        return anon.form("/oauth/token", Map.of("grant_type", GRANT, "device_code", (String) deviceCode, "client_id", clientId));
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoveryDocumentNamesTheEndpointsAndTheApiBase() {
        Map<String, Object> m = anon.get("/.well-known/oauth-authorization-server").json();
        assertThat(m.get("issuer")).isEqualTo(server.baseUrl());
        assertThat(m.get("device_authorization_endpoint")).isEqualTo(server.baseUrl() + "/oauth/device_authorization");
        assertThat(m.get("token_endpoint")).isEqualTo(server.baseUrl() + "/oauth/token");
        assertThat((List<Object>) m.get("grant_types_supported")).contains(GRANT);
        assertThat(m.get("omni_api_base")).isEqualTo("/v1");
    }

    @Test
    void deviceAuthorizationAnswersCodesAndVerificationUris() {
        Map<String, Object> a = authorize("omni-cli");
        assertThat((String) a.get("user_code")).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat((String) a.get("device_code")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.get("verification_uri")).isEqualTo(server.baseUrl() + "/device");
        assertThat(a.get("verification_uri_complete")).isEqualTo(server.baseUrl() + "/device?user_code=" + a.get("user_code"));
        assertThat(a.get("expires_in")).isEqualTo(900);
        assertThat(a).containsKey("interval");
    }

    @Test
    void deviceAuthorizationWithoutClientIdIsRefused() {
        Reply r = anon.form("/oauth/device_authorization", Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_client");
        assertThat(r.json()).containsKey("error_description");
    }

    @Test
    void pollingBeforeApprovalIsPendingThenApprovalYieldsOneToken() {
        Map<String, Object> a = authorize("omni-cli");
        assertThat(poll(a.get("device_code"), "omni-cli").error()).isEqualTo("authorization_pending");

        server.approve((String) a.get("user_code"), ann);
        Reply ok = poll(a.get("device_code"), "omni-cli");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).containsEntry("token_type", "Bearer").containsKey("expires_in");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        String token = (String) ok.json().get("access_token");
        assertThat(token.length()).isGreaterThanOrEqualTo(43);
        assertThat(server.client(token).get("/v1/me").json())
                .containsEntry("id", ann.id()).containsEntry("email", "ann@example.org");

        assertThat(poll(a.get("device_code"), "omni-cli").error()).isEqualTo("invalid_grant");
    }

    @Test
    void deniedRequestAnswersAccessDenied() {
        Map<String, Object> a = authorize("omni-cli");
        server.deny((String) a.get("user_code"), ann);
        assertThat(poll(a.get("device_code"), "omni-cli").error()).isEqualTo("access_denied");
    }

    @Test
    void expiredCodeAnswersExpiredToken() {
        Map<String, Object> a = authorize("omni-cli");
        clock.advance(Duration.ofMinutes(16));
        assertThat(poll(a.get("device_code"), "omni-cli").error()).isEqualTo("expired_token");
    }

    @Test
    void unknownDeviceCodeOrOtherClientIsInvalidGrant() {
        assertThat(poll("no-such-code", "omni-cli").error()).isEqualTo("invalid_grant");
        Map<String, Object> a = authorize("omni-cli");
        assertThat(poll(a.get("device_code"), "someone-else").error()).isEqualTo("invalid_grant");
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        Reply r = anon.form("/oauth/token", Map.of("grant_type", "password", "username", "a", "password", "b"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("unsupported_grant_type");
        assertThat(anon.form("/oauth/token", Map.of("grant_type", GRANT)).error()).isEqualTo("invalid_request");
    }

    @Test
    void pollingFasterThanTheIntervalIsSlowDown() {
        ServerOptions o = TestServer.testOptions();
        try (TestServer slow = TestServer.start(backend, o.toBuilder().lifetimes(new ServerOptions.Lifetimes(
                Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofHours(1))).build())) {
            ApiClient c = slow.client(null);
            Map<String, Object> a = c.form("/oauth/device_authorization", Map.of("client_id", "omni-cli")).json();
            assertThat(a.get("interval")).isEqualTo(30);
            Map<String, String> form = Map.of("grant_type", GRANT, "device_code", (String) a.get("device_code"),
                    "client_id", "omni-cli");
            assertThat(c.form("/oauth/token", form).error()).isEqualTo("authorization_pending");
            Reply fast = c.form("/oauth/token", form);
            assertThat(fast.status()).isEqualTo(400);
            assertThat(fast.error()).isEqualTo("slow_down");
        }
    }

    @Test
    void userCodesCompareCaseInsensitivelyIgnoringDashesAndSpaces() {
        Map<String, Object> a = authorize("omni-cli");
        String shown = (String) a.get("user_code");
        String typed = " " + shown.substring(0, 2).toLowerCase() + " " + shown.substring(2, 4) + shown.substring(5) + " ";
        assertThat(server.server().deviceFlow().lookup(typed)).isPresent();
        assertThat(UserCodes.normalise("ABCD-EFGH")).isNull(); // vowels are not in the alphabet
    }

    @Test
    void logoutRevokesTheTokenAndRepeatingItStillSucceeds() {
        String token = server.login(ann);
        ApiClient api = server.client(token);
        assertThat(api.get("/v1/me").status()).isEqualTo(200);
        assertThat(api.postJson("/v1/auth/logout", "{}").status()).isEqualTo(200);
        Reply after = api.get("/v1/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("unauthorized");
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.postJson("/v1/auth/logout", "{}").status()).isEqualTo(200);
        assertThat(server.client("omni_not-a-token").postJson("/v1/auth/logout", "{}").status()).isEqualTo(401);
    }

    @Test
    void tokensExpire() {
        String token = server.login(ann);
        assertThat(server.client(token).get("/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(91));
        Reply r = server.client(token).get("/v1/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat((String) r.json().get("message")).contains("expired");
    }

    @Test
    void apiCallsWithoutOrWithABadTokenAre401() {
        assertThat(anon.get("/v1/projects").status()).isEqualTo(401);
        assertThat(server.client("garbage").get("/v1/projects").status()).isEqualTo(401);
    }

    @Test
    void tokenAndDeviceEndpointsAreRateLimitedPerAddress() {
        ServerOptions o = TestServer.testOptions();
        ServerOptions.RateLimits r = o.rateLimits();
        try (TestServer limited = TestServer.start(backend, o.toBuilder().rateLimits(new ServerOptions.RateLimits(
                r.apiPerToken(), r.signInPerAddress(), r.signInPerEmail(), r.codeEntryPerAddress(), 2, 3)).build())) {
            ApiClient c = limited.client(null);
            Map<String, String> token = Map.of("grant_type", GRANT, "device_code", "x", "client_id", "omni-cli");
            for (int i = 0; i < 3; i++) {
                assertThat(c.form("/oauth/token", token).error()).isEqualTo("invalid_grant");
            }
            Reply limitedReply = c.form("/oauth/token", token);
            assertThat(limitedReply.status()).isEqualTo(429);
            assertThat(limitedReply.error()).isEqualTo("rate_limited");
            assertThat(limitedReply.header("Retry-After")).isNotNull();

            Map<String, String> dev = Map.of("client_id", "omni-cli");
            assertThat(c.form("/oauth/device_authorization", dev).status()).isEqualTo(200);
            assertThat(c.form("/oauth/device_authorization", dev).status()).isEqualTo(200);
            assertThat(c.form("/oauth/device_authorization", dev).status()).isEqualTo(429);
        }
    }

    @Test
    void healthzAnswersOk() {
        assertThat(anon.get("/healthz").json()).containsEntry("status", "ok");
    }
}
