package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedDocsTest {
    @TempDir
    Path dir;

    @Test
    void completionCoversTheCommands() {
        Cli.Result r = new Cli(dir.resolve("home")).run(dir, "completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F", "snapshot", "restore", "--allow-empty");
    }

    @Test
    void manPagesAreWrittenForTheCommandAndEachSubcommand() throws Exception {
        Cli.Result r = new Cli(dir.resolve("home")).run(dir, "man", "-o", "man");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("man/omni.1")).exists();
        String snapshot = Files.readString(dir.resolve("man/omni-snapshot.1"));
        assertThat(snapshot).contains(".TH \"OMNI-SNAPSHOT\" \"1\"", ".SH OPTIONS", "allow\\-empty");
    }

    @Test
    void helpListsEveryVisibleCommand() {
        Cli.Result r = new Cli(dir.resolve("home")).run(dir, "--help");
        assertThat(r.code()).isZero();
        for (String name : Main.COMMANDS.keySet()) {
            if (!name.equals("self-train")) {
                assertThat(r.out()).contains("  " + name);
            }
        }
    }
}
