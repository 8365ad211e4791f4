package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.storage.Storage;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.PostgresCluster;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.server.testing.WebLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens, device codes, session cookies and passwords appear nowhere in clear: not in the database, not in the logs. */
class SecretsAtRestTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void noSecretIsStoredOrLoggedInClear(Backend backend) throws Exception {
        List<String> secrets = new ArrayList<>();
        Path data;
        try (TestServer server = TestServer.start(backend)) {
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
            var blob = dev.omni.server.testing.Fixtures.blob("an object, so that the object store holds something");
            assertThat(api.putBytes("/v1/objects/" + blob.hex(), blob.bytes()).status()).isEqualTo(201);
            api.postJson("/v1/auth/logout", "{}");
            assertThat(secrets).doesNotContainNull();

            if (backend == Backend.SQLITE) {
                // Read while the server runs (the WAL holds recent pages) and after it stopped.
                assertNoSecretIn(data, secrets);
                server.server().stop();
                assertNoSecretIn(data, secrets);
            } else {
                server.server().stop();
                assertNoSecretInPostgres(server.storage(), secrets);
                assertNoSecretInFiles(data, secrets);
                assertNoSecretInFiles(S3Server.shared().directory().resolve(server.storage().objects().bucket()), secrets);
            }
        }
    }

    /**
     * Every row of every table, as text; then, after a checkpoint, the database's files and the
     * cluster's write-ahead log. That the user's email (stored in clear, and no secret) is found in
     * the files shows that the scan reads what the server wrote.
     */
    static void assertNoSecretInPostgres(Storage storage, List<String> secrets) throws Exception {
        String url = storage.database().jdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1);
        PostgresCluster pg = PostgresCluster.shared();
        StringBuilder rows = new StringBuilder();
        try (Connection c = pg.connect(name); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("users", "access_tokens", "device_codes", "web_sessions");
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM \"" + t + "\" t")) {
                    while (rs.next()) {
                        rows.append(rs.getString(1)).append('\n');
                    }
                }
            }
            st.execute("CHECKPOINT");
        }
        assertThat(rows.toString()).contains("ann@example.org");
        for (String secret : secrets) {
            assertThat(rows.toString()).as("the database must not contain a secret").doesNotContain(secret);
        }
        List<Path> files = new ArrayList<>(files(pg.databaseDirectory(name)));
        files.addAll(files(pg.walDirectory()));
        StringBuilder raw = new StringBuilder();
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            raw.append(content.contains("ann@example.org") ? "found" : "");
            for (String secret : secrets) {
                assertThat(content).as("%s must not contain a secret", f).doesNotContain(secret);
            }
        }
        assertThat(raw.toString()).as("the scan reads the database's files").contains("found");
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
