package dev.omni.desktop;

import java.util.Map;
import java.util.Optional;

/**
 * Why the desktop app could not start, in one line a person can act on, for the failures of the
 * machine rather than of omni: JavaFX without the GTK 3 library, or without a display. JavaFX
 * reports them as a stack trace ({@code UnsupportedOperationException: Unable to load glass GTK
 * library.}); anything else is left to surface as it is.
 */
final class StartFailure {
    static final String INSTALL_GTK = "the GTK 3 library is missing; install it (Debian, Ubuntu: sudo apt-get install libgtk-3-0;"
            + " Fedora: sudo dnf install gtk3)";

    private StartFailure() {
    }

    /** The explanation of {@code t} (or of one of its causes), if it is one of the machine's failures. */
    static Optional<String> explain(Throwable t, Map<String, String> env) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (c instanceof UnsupportedOperationException && m.startsWith("Unable to load glass GTK library")) {
                return Optional.of(INSTALL_GTK);
            }
            if (c instanceof UnsatisfiedLinkError && (m.contains("libgtk-3") || m.contains("glassgtk"))) {
                return Optional.of(INSTALL_GTK);
            }
            if (c instanceof UnsupportedOperationException && m.startsWith("Unable to open DISPLAY")) {
                String display = env.get("DISPLAY");
                return Optional.of(display == null || display.isEmpty()
                        ? "there is no display to open a window on (DISPLAY is not set); start it in a desktop session"
                        : "cannot open the display " + display + "; start it in a desktop session that can show windows");
            }
        }
        return Optional.empty();
    }
}
