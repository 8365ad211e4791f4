package dev.omni.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.testing.FileTrees;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A machine that cannot show the app gets one line saying what to do, not JavaFX's stack trace. */
class StartFailureTest {
    @TempDir
    Path dir;

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("JavaFX without GTK 3", new UnsupportedOperationException("Unable to load glass GTK library."), Map.of(),
                        "libgtk-3-0"),
                Arguments.of("the same, wrapped", new RuntimeException(new RuntimeException(
                        new UnsupportedOperationException("Unable to load glass GTK library."))), Map.of(), "libgtk-3-0"),
                Arguments.of("the GTK library failing to link", new UnsatisfiedLinkError(
                        "/tmp/libglassgtk3.so: libgtk-3.so.0: cannot open shared object file"), Map.of(), "libgtk-3-0"),
                Arguments.of("no display", new UnsupportedOperationException("Unable to open DISPLAY"), Map.of(),
                        "DISPLAY is not set"),
                Arguments.of("a display that does not open", new UnsupportedOperationException("Unable to open DISPLAY"),
                        Map.of("DISPLAY", ":7"), "cannot open the display :7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailureOfTheMachineIsExplainedInOneLine(String name, Throwable t, Map<String, String> env, String says) {
        String why = StartFailure.explain(t, env).orElseThrow();
        assertThat(why).contains(says).doesNotContain("\n");
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertThat(StartFailure.explain(new IllegalStateException("a bug"), Map.of())).isEmpty();
        assertThat(StartFailure.explain(new UnsupportedOperationException("something else"), Map.of())).isEmpty();
    }

    /**
     * The real launcher in a JVM of its own, on the real JavaFX (not the tests' headless one) and
     * without a display: JavaFX fails to start (no display here; on a machine without GTK 3, for
     * that), and the user reads one line.
     */
    @Test
    void theLauncherOnAMachineThatCannotShowWindowsSaysSoInOneLine() throws Exception {
        // As the omni-desktop launcher runs it: JavaFX's platform jars on the module path, the rest on the class path.
        List<String> modules = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("javafx-.*-(linux|mac|win).*\\.jar")) {
                modules.add(entry);
            } else if (!name.startsWith("javafx-") && !name.contains("monocle")) {
                classes.add(entry);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modules), "--add-modules", "javafx.controls",
                "-cp", String.join(File.pathSeparator, classes), Launcher.class.getName(), "--home", dir.resolve("home").toString())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        List<String> err = FileTrees.read(dir.resolve("err")).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(1);
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).startsWith(Launcher.CANNOT_START).containsAnyOf("DISPLAY is not set", "libgtk-3-0");
        assertThat(FileTrees.read(dir.resolve("out"))).doesNotContain(Launcher.WINDOW_SHOWN);
    }
}
