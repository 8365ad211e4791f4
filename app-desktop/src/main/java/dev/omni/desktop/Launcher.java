package dev.omni.desktop;

import java.util.Optional;
import javafx.application.Application;

/**
 * The desktop app's main class. It does not extend {@link Application}, so the app also starts
 * when JavaFX is on the class path rather than the module path. A machine that cannot show the
 * app (no GTK 3, no display) gets one line on standard error saying what to do, and exit status 1.
 */
public final class Launcher {
    /**
     * Printed on standard output once the window shows: {@code omni gui} waits for it (or for the
     * app to end) so that a failure to start reaches the terminal it was run from.
     */
    public static final String WINDOW_SHOWN = "omni-desktop: window shown";
    /** How a failure to start begins on standard error. */
    public static final String CANNOT_START = "omni-desktop: cannot start: ";

    private Launcher() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("Usage: omni-desktop [--home DIR]\n"
                        + "Starts the omni desktop app on the omni home DIR (default: $OMNI_HOME, else $XDG_DATA_HOME/omni).");
                return;
            }
        }
        try {
            Application.launch(DesktopApp.class, args);
        } catch (RuntimeException | Error e) {
            Optional<String> why = StartFailure.explain(e, System.getenv());
            if (why.isEmpty()) {
                throw e;
            }
            System.err.println(CANNOT_START + why.get());
            System.exit(1);
        }
    }
}
