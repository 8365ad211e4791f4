package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.testing.FileTrees;
import dev.omni.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** omni as a separate process: exit codes, one-line errors, concurrency, a crash mid-snapshot. */
class CliProcessTest {
    @TempDir
    Path dir;
    Path ws;
    Cli omni;

    @BeforeEach
    void setUp() throws Exception {
        ws = Files.createDirectories(dir.resolve("ws"));
        omni = new Cli(dir.resolve("home"));
    }

    @Test
    void errorsAreOneLineWithAnExitCodeAndStackTracesOnlyWithVerbose() throws Exception {
        Cli.Result notWs = omni.exec(dir, "status");
        assertThat(notWs.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(notWs.err().strip()).startsWith("omni: error: not inside an omni workspace").doesNotContain("\n");
        assertThat(notWs.out()).isEmpty();

        Cli.Result usage = omni.exec(dir, "snapshot", "--no-such-option");
        assertThat(usage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("Unknown option: '--no-such-option'");

        assertThat(omni.exec(dir, "init", "-q", ws.toString()).code()).isZero();
        Cli.Result unknown = omni.exec(ws, "show", "snap-7ZZZZZZ");
        assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).doesNotContain("at dev.omni");
        Cli.Result verbose = omni.exec(ws, "show", "snap-7ZZZZZZ", "--verbose");
        assertThat(verbose.err()).contains("at dev.omni");

        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x"), "x");
        Cli.Result conflict = omni.exec(ws, "restore", "@", "--to", dir.resolve("full").toString());
        assertThat(conflict.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(conflict.err()).contains("not empty");

        Cli.Result version = omni.exec(dir, "--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("omni ");
    }

    @Test
    void twoProcessesSnapshottingOneWorkspaceNeverCorruptTheStore() throws Exception {
        FileTrees.edgeCases(ws, 40L << 20);
        assertThat(omni.exec(dir, "init", "-q", "--no-snapshot", ws.toString()).code()).isZero();
        Process a = omni.start(ws, "snapshot", "-q", "--allow-empty");
        Process b = omni.start(ws, "snapshot", "-q", "--allow-empty");
        assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(new String(a.getErrorStream().readAllBytes())).isZero();
        assertThat(b.exitValue()).as(new String(b.getErrorStream().readAllBytes())).isZero();
        assertThat(omni.exec(ws, "log", "--json").json()).hasSize(2);
        assertThat(omni.exec(ws, "fsck").code()).isZero();
    }

    /**
     * The snapshot is stopped at a test pause point (objects scanned and partly written; all written
     * but not yet recorded), seen to be alive there, and killed with SIGKILL: nothing it did may
     * show, the store checks clean, and the next snapshot records the tree exactly.
     */
    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"snapshot.scanned", "snapshot.flushed"})
    void aSnapshotKilledHalfWayLeavesAStoreThatChecksCleanAndWorks(String point) throws Exception {
        FileTrees.edgeCases(ws, 0);
        for (int i = 0; i < 3; i++) {
            // Above the loose-object size: these are written as files of their own, the rest into a pack.
            FileTrees.writeRandom(ws.resolve("big" + i + ".bin"), 5L << 20, i + 1);
        }
        assertThat(omni.exec(dir, "init", "-q", "--no-snapshot", ws.toString()).code()).isZero();
        Path paused = dir.resolve("paused");
        omni.vars.put("OMNI_TEST_PAUSE", point);
        omni.vars.put("OMNI_TEST_PAUSE_FILE", paused.toString());
        Process p = omni.start(ws, "snapshot");
        omni.vars.remove("OMNI_TEST_PAUSE");
        omni.vars.remove("OMNI_TEST_PAUSE_FILE");
        try {
            String where = Wait.forValue("the snapshot to pause at " + point, Duration.ofSeconds(120), () -> {
                boolean ended = !p.isAlive();
                if (Files.exists(paused)) {
                    return FileTrees.read(paused).strip();
                }
                if (ended) {
                    throw new AssertionError("the snapshot ended (exit " + p.exitValue() + ") before " + point);
                }
                return null;
            });
            assertThat(where).isEqualTo(point + " " + p.pid());
            assertThat(p.isAlive()).as("the snapshot is running when it is killed").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        assertThat(omni.exec(ws, "log", "--json").json()).as("nothing of the killed snapshot shows").isEmpty();
        Cli.Result fsck = omni.exec(ws, "fsck");
        assertThat(fsck.code()).as(fsck.out() + fsck.err()).isZero();
        Cli.Result snap = omni.exec(ws, "snapshot", "--json");
        assertThat(snap.code()).as(snap.err()).isZero();
        Path out = dir.resolve("out");
        assertThat(omni.exec(ws, "restore", "@", "--to", out.toString()).code()).isZero();
        FileTrees.assertSameTree(ws, out, FileTrees.skipForEdgeCases());
        assertThat(omni.exec(ws, "gc").code()).isZero();
        assertThat(omni.exec(ws, "fsck").code()).isZero();
    }
}
