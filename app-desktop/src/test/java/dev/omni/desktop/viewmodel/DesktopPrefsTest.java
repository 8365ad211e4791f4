package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopPrefsTest {
    @TempDir
    Path dir;

    @Test
    void windowSizeAndLastProjectSurviveARestart() {
        DesktopPrefs p = DesktopPrefs.load(dir);
        p.width = 1400;
        p.height = 900;
        p.lastProject = "01ABC";
        p.save();

        DesktopPrefs again = DesktopPrefs.load(dir);
        assertThat(again.width).isEqualTo(1400);
        assertThat(again.height).isEqualTo(900);
        assertThat(again.lastProject).isEqualTo("01ABC");
        assertThat(dir.resolve("desktop.json")).exists();
    }

    @Test
    void aDamagedFileMeansDefaults() throws Exception {
        Files.writeString(dir.resolve("desktop.json"), "{not json");
        DesktopPrefs p = DesktopPrefs.load(dir);
        assertThat(p.width).isEqualTo(1280);
        assertThat(p.theme).isEqualTo(Theme.SYSTEM);
    }
}
