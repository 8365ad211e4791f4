package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts in the command's output read as English: "1 file", never "1 files". */
class CountWordsCliTest {
    @TempDir
    Path dir;

    @Test
    void oneFileIsOneFileAndTwoAreTwoFiles() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("a.txt"), "a\n");
        Cli omni = new Cli(dir.resolve("home"));

        Cli.Result init = omni.run(dir, "init", ws.toString());
        assertThat(init.out()).contains(": 1 file, ").doesNotContain("1 files");

        Files.writeString(ws.resolve("b.txt"), "b\n");
        Cli.Result snap = omni.run(ws, "snapshot");
        assertThat(snap.out()).contains(": 2 files, ", "(2 new objects, ");
        assertThat(omni.run(ws, "log").out()).contains("  1 file, ", "  2 files, ");
        assertThat(omni.run(ws, "fsck").out()).contains(" 2 snapshots checked");
    }
}
