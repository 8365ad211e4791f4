package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.cli.Main;
import dev.omni.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands of omni-server, run as the launcher runs them. */
class CliTest {
    @TempDir
    Path data;

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
        Run add = run("correct horse battery\n", "user", "add", "Ann@Example.org", "--name", "Ann", "--password-stdin",
                "--data", data.toString());
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("created user ann@example.org");

        Run dup = run("correct horse battery\n", "user", "add", "ann@example.org", "--password-stdin", "--data", data.toString());
        assertThat(dup.code()).isEqualTo(7);
        assertThat(dup.err()).isEqualTo("omni-server: there is already an account for ann@example.org\n");

        Run weak = run("short\n", "user", "add", "bob@example.org", "--password-stdin", "--data", data.toString());
        assertThat(weak.code()).isEqualTo(4);
        assertThat(weak.err()).contains("at least 8 characters");

        assertThat(run("", "user", "list", "--data", data.toString()).out()).contains("ann@example.org\tAnn\tactive");
        assertThat(run("", "user", "disable", "ann@example.org", "--data", data.toString()).code()).isZero();
        assertThat(run("", "user", "list", "--data", data.toString()).out()).contains("ann@example.org\tAnn\tdisabled");
        Run unknown = run("", "user", "disable", "nobody@example.org", "--data", data.toString());
        assertThat(unknown.code()).isEqualTo(3);
    }

    @Test
    void disablingAUserRevokesTheirTokensOnARunningServer() {
        try (TestServer server = TestServer.start(data, TestServer.testOptions())) {
            var ann = server.createUser("ann@example.org", "correct horse battery");
            var api = server.client(server.login(ann));
            assertThat(api.get("/v1/me").status()).isEqualTo(200);
            assertThat(run("", "user", "disable", "ann@example.org", "--data", data.toString()).code()).isZero();
            assertThat(api.get("/v1/me").status()).isEqualTo(401);
            assertThat(server.server().accounts().signIn("ann@example.org", "correct horse battery")).isEmpty();
        }
    }

    @Test
    void verifyOfAnEmptyStoreIsOkAndAnUnknownAccountIsNotFound() {
        assertThat(run("correct horse battery\n", "user", "add", "ann@example.org", "--password-stdin", "--data",
                data.toString()).code()).isZero();
        Run empty = run("", "verify", "--data", data.toString());
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("ok: 0 objects");
        assertThat(run("", "verify", "--data", data.toString(), "--user", "ann@example.org").code()).isZero();
        Run unknown = run("", "verify", "--data", data.toString(), "--user", "nobody@example.org");
        assertThat(unknown.code()).isEqualTo(3);
    }

    @Test
    void addWithoutATerminalOrStdinPasswordExplainsWhatToDo() {
        Run r = run("", "user", "add", "ann@example.org", "--data", data.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--password-stdin");
    }
}
