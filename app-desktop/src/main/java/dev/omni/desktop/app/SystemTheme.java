package dev.omni.desktop.app;

import dev.omni.core.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers dark: JavaFX 21 cannot tell (its platform preferences came in 22),
 * so this asks what GTK desktops say — {@code $GTK_THEME}, then GNOME's {@code color-scheme}.
 */
public final class SystemTheme {
    private SystemTheme() {
    }

    public static boolean prefersDark(Env env) {
        String gtk = env.get("GTK_THEME");
        if (gtk != null) {
            return gtk.toLowerCase(Locale.ROOT).contains("dark");
        }
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 && out.contains("dark");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
