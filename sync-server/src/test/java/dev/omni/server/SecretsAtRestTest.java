package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.server.testing.WebLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Tokens, device codes, session cookies and passwords appear nowhere in clear: not in the database, not in the logs. */
class SecretsAtRestTest {
    @Test
    void noSecretIsStoredOrLoggedInClear() throws IOException {
        List<String> secrets = new ArrayList<>();
        Path data;
        try (TestServer server = TestServer.start()) {
            data = server.dataDir();
            String password = "very secret password 42";
            TestUser ann = server.createUser("ann@example.org", password);
            secrets.add(password);
            ApiClient anon = server.client(null);
            Map<String, Object> a = anon.form("/oauth/device_authorization", Map.of("client_id", "omni-cli")).json();
            String deviceCode = (String) a.get("device_code");
            secrets.add(deviceCode);
            WebLogin web = new WebLogin(server.baseUrl());
            web.signIn(ann.email(), password);
            secrets.add(web.sessionCookie());
            web.decide((String) a.get("user_code"), true);
            String token = (String) anon.form("/oauth/token", Map.of("grant_type",
                    "urn:ietf:params:oauth:grant-type:device_code", "device_code", deviceCode, "client_id", "omni-cli"))
                    .json().get("access_token");
            secrets.add(token);
            ApiClient api = server.client(token);
            api.get("/v1/me");
            api.postJson("/v1/auth/logout", "{}");
            assertThat(secrets).doesNotContainNull();

            // Read while the server runs (the WAL holds recent pages) and after it stopped.
            assertNoSecretIn(data, secrets);
            server.server().stop();
            assertNoSecretIn(data, secrets);
        }
    }

    static void assertNoSecretIn(Path dataDir, List<String> secrets) throws IOException {
        List<Path> files = files(dataDir);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("server.db", "requests.log");
        assertNoSecretInFiles(dataDir, secrets);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static void assertNoSecretInFiles(Path dir, List<String> secrets) throws IOException {
        List<Path> files = files(dir);
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(content).as("%s must not contain a secret", f).doesNotContain(secret);
            }
        }
    }
}
