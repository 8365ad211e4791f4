package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni gui} runs the desktop launcher on the same home and config directory. */
class GuiCommandTest {
    @TempDir
    Path dir;

    private Path fakeLauncher(Path where) throws Exception {
        Files.createDirectories(where.getParent());
        Files.writeString(where, "#!/bin/sh\necho \"args: $*\"\necho \"config: $OMNI_CONFIG_DIR\"\n");
        Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rwxr-xr-x"));
        return where;
    }

    @Test
    void guiRunsTheLauncherBesideOmniWithTheHome() throws Exception {
        fakeLauncher(dir.resolve("bin/omni-desktop"));
        Cli cli = new Cli(dir.resolve("home"));
        cli.vars.put("OMNI_LAUNCHER", dir.resolve("bin/omni").toString());

        Cli.Result r = cli.run(dir, "gui", "--wait");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("args: --home " + dir.resolve("home"));
        assertThat(r.out()).contains("config: " + dir.resolve("home/config"));
    }

    @Test
    void omniDesktopChoosesTheLauncher() throws Exception {
        Path l = fakeLauncher(dir.resolve("elsewhere/desktop-launcher"));
        Cli cli = new Cli(dir.resolve("home"));
        cli.vars.put("OMNI_DESKTOP", l.toString());

        Cli.Result r = cli.run(dir, "gui", "--wait");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("args: --home");
    }

    private Path script(Path where, String body) throws Exception {
        Files.createDirectories(where.getParent());
        Files.writeString(where, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rwxr-xr-x"));
        return where;
    }

    @Test
    void guiReturnsOnceTheWindowShows() throws Exception {
        Cli cli = new Cli(dir.resolve("home"));
        cli.vars.put("OMNI_DESKTOP", script(dir.resolve("bin/omni-desktop"), "echo 'omni-desktop: window shown'\n").toString());

        Cli.Result r = cli.run(dir, "gui");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Started the omni desktop app");
    }

    /** The desktop launcher on a machine without GTK 3 (it says so in one line, see StartFailure): omni gui passes it on. */
    @Test
    void anAppThatCannotStartIsAOneLineErrorSayingWhatToInstall() throws Exception {
        Cli cli = new Cli(dir.resolve("home"));
        cli.vars.put("OMNI_DESKTOP", script(dir.resolve("bin/omni-desktop"), "echo 'omni-desktop: building...' >&2\n"
                + "echo 'omni-desktop: cannot start: the GTK 3 library is missing; install it (Debian, Ubuntu:"
                + " sudo apt-get install libgtk-3-0)' >&2\nexit 1\n").toString());

        Cli.Result r = cli.run(dir, "gui");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err().strip()).isEqualTo("omni: error: the desktop app cannot start: the GTK 3 library is missing;"
                + " install it (Debian, Ubuntu: sudo apt-get install libgtk-3-0)");
    }

    @Test
    void anAppThatEndsAtOnceWithoutSayingWhyPointsAtItsOutput() throws Exception {
        Cli cli = new Cli(dir.resolve("home"));
        cli.vars.put("OMNI_DESKTOP", script(dir.resolve("bin/omni-desktop"), "echo 'Exception in thread main' >&2\nexit 3\n")
                .toString());

        Cli.Result r = cli.run(dir, "gui");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("ended at once (exit 3)", "desktop.out");
    }

    @Test
    void withoutALauncherItSaysWhatToDo() {
        Cli.Result r = new Cli(dir.resolve("home")).run(dir, "gui");
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("set OMNI_DESKTOP");
    }
}
