package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.cli.Main;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands of omni-server, run as the launcher runs them. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class CliTest {
    @Parameter
    Backend backend;
    @TempDir
    Path data;
    Backend.TestStorage storage;

    @BeforeEach
    void backends() {
        storage = backend.create(data);
    }

    @AfterEach
    void dispose() {
        storage.close();
    }

    /** {@code command} and the options that name this test's backends. */
    String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(Backend.cliArgs(storage.storage()));
        return all.toArray(new String[0]);
    }

    record Run(int code, String out, String err) {
    }

    Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void userAddListDisable() {
        Run add = run("correct horse battery\n", args("user", "add", "Ann@Example.org", "--name", "Ann",
                "--password-stdin"));
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("created user ann@example.org");

        Run dup = run("correct horse battery\n", args("user", "add", "ann@example.org", "--password-stdin"));
        assertThat(dup.code()).isEqualTo(7);
        assertThat(dup.err()).isEqualTo("omni-server: there is already an account for ann@example.org\n");

        Run weak = run("short\n", args("user", "add", "bob@example.org", "--password-stdin"));
        assertThat(weak.code()).isEqualTo(4);
        assertThat(weak.err()).contains("at least 8 characters");

        assertThat(run("", args("user", "list")).out()).contains("ann@example.org\tAnn\tactive");
        assertThat(run("", args("user", "disable", "ann@example.org")).code()).isZero();
        assertThat(run("", args("user", "list")).out()).contains("ann@example.org\tAnn\tdisabled");
        Run unknown = run("", args("user", "disable", "nobody@example.org"));
        assertThat(unknown.code()).isEqualTo(3);
    }

    @Test
    void disablingAUserRevokesTheirTokensOnARunningServer() {
        try (TestServer server = TestServer.start(storage.storage(), TestServer.testOptions())) {
            var ann = server.createUser("ann@example.org", "correct horse battery");
            var api = server.client(server.login(ann));
            assertThat(api.get("/v1/me").status()).isEqualTo(200);
            assertThat(run("", args("user", "disable", "ann@example.org")).code()).isZero();
            assertThat(api.get("/v1/me").status()).isEqualTo(401);
            assertThat(server.server().accounts().signIn("ann@example.org", "correct horse battery")).isEmpty();
        }
    }

    @Test
    void verifyOfAnEmptyStoreIsOkAndAnUnknownAccountIsNotFound() {
        assertThat(run("correct horse battery\n", args("user", "add", "ann@example.org", "--password-stdin")).code()).isZero();
        Run empty = run("", args("verify"));
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("ok: 0 objects");
        assertThat(run("", args("verify", "--user", "ann@example.org")).code()).isZero();
        Run unknown = run("", args("verify", "--user", "nobody@example.org"));
        assertThat(unknown.code()).isEqualTo(3);
    }

    @Test
    void addWithoutATerminalOrStdinPasswordExplainsWhatToDo() {
        Run r = run("", args("user", "add", "ann@example.org"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--password-stdin");
    }

    @Test
    void aBadOrUnreachableDatabaseIsOneLineThatNeverShowsThePassword() {
        Run malformed = run("", "user", "list", "--db", "mysql://omni:hunter2-secret@db/omni");
        assertThat(malformed.code()).isEqualTo(1);
        assertThat(malformed.err()).startsWith("omni-server: --db takes postgresql://").doesNotContain("hunter2-secret")
                .hasLineCount(1);
        Run unreachable = run("", "user", "list", "--data", data.toString(), "--db",
                "postgresql://omni:hunter2-secret@127.0.0.1:1/omni");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("omni-server: cannot connect to the database postgresql://omni@127.0.0.1:1/omni")
                .doesNotContain("hunter2-secret").hasLineCount(1);
        Run noFile = run("", "user", "list", "--db", "postgresql://omni@127.0.0.1:1/omni", "--db-password-file",
                data.resolve("missing").toString());
        assertThat(noFile.code()).isEqualTo(1);
        assertThat(noFile.err()).contains("cannot read the database password file");
        Run badObjects = run("", "user", "list", "--objects", "http://bucket");
        assertThat(badObjects.err()).startsWith("omni-server: --objects takes s3://BUCKET");
    }
}
