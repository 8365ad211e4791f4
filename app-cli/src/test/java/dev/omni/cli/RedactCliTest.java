package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in transcripts: redacted at import unless --keep-secrets; omni redact --scan/--apply on a stored store. */
class RedactCliTest {
    // built from parts, so that this file holds no secret
    static final String KEY = "gh" + "p_" + "R8fK2mQ9xL4vT7wZ1cN6bH3jD5sA0eY8uP2i";
    static final String PW = "hunter" + "2-Xy9";

    @TempDir
    Path tmp;
    TestHome t;
    Env app;
    Path root;

    @BeforeEach
    void init() throws Exception {
        t = new TestHome(tmp);
        root = Files.createDirectories(t.work.resolve("app"));
        Files.writeString(root.resolve(".env"), "GITHUB_TOKEN=" + KEY + "\n");
        app = t.env(root);
        CliRun.run(app, "init", "-q").ok();
        root = root.toRealPath();
        app = app.withCwd(root);
    }

    private Path transcript(String name) throws Exception {
        Path f = tmp.resolve("t/" + name + ".jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"type\":\"user\",\"uuid\":\"u1\",\"sessionId\":\"" + name + "\",\"cwd\":\"" + root + "\","
                + "\"timestamp\":\"2026-11-20T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"push with " + KEY + " please\"}}\n"
                + "{\"type\":\"assistant\",\"uuid\":\"a1\",\"parentUuid\":\"u1\",\"sessionId\":\"" + name + "\",\"timestamp\":\"2026-11-20T10:00:01Z\","
                + "\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\","
                + "\"input\":{\"command\":\"psql postgres://app:" + PW + "@db:5432/app\"}}]}}\n");
        return f;
    }

    @Test
    void importRedactsSecretsUnlessKeptAndRedactCleansTheStore() throws Exception {
        CliRun imported = CliRun.run(app, "conv", "import", transcript("s-redacted").toString()).ok();
        assertThat(imported.out()).contains("secrets redacted: 1 github-token, 1 password-in-url");
        String shown = CliRun.run(app, "conv", "show", "s-redacted", "--full", "--json").ok().out();
        assertThat(shown).doesNotContain(KEY).doesNotContain(PW).contains("[REDACTED:github-token]").contains("[REDACTED:password-in-url]");

        CliRun.run(app, "conv", "import", "--keep-secrets", transcript("s-kept").toString()).ok();
        assertThat(CliRun.run(app, "conv", "show", "s-kept", "--full", "--json").ok().out()).contains(KEY).contains(PW);

        JsonNode scan = Json.mapper().readTree(CliRun.run(app, "redact", "--scan", "--json").ok().out());
        assertThat(scan.path("messages").asInt()).isEqualTo(2);
        assertThat(scan.path("secrets").path("github-token").asInt()).isEqualTo(1);
        assertThat(scan.path("secrets").path("password-in-url").asInt()).isEqualTo(1);
        assertThat(CliRun.run(app, "conv", "show", "s-kept", "--full", "--json").ok().out()).contains(KEY);

        String q = KEY.substring(4, 16) + "*";
        assertThat(Json.mapper().readTree(CliRun.run(app, "conv", "search", q, "--json").ok().out())).hasSize(1);
        CliRun applied = CliRun.run(app, "redact", "--apply").ok();
        assertThat(applied.out()).contains("Redacted 2 secrets in 2 of 4 messages");
        assertThat(CliRun.run(app, "conv", "show", "s-kept", "--full", "--json").ok().out()).doesNotContain(KEY).doesNotContain(PW);
        // the search index follows: the secret is not findable any more
        assertThat(Json.mapper().readTree(CliRun.run(app, "conv", "search", q, "--json").ok().out())).isEmpty();
        JsonNode again = Json.mapper().readTree(CliRun.run(app, "redact", "--scan", "--json").ok().out());
        assertThat(again.path("messages").asInt()).isZero();

        // snapshots of files are never touched
        CliRun.run(app, "restore", "@", ".env").ok();
        assertThat(Files.readString(root.resolve(".env"))).contains(KEY);
    }
}
