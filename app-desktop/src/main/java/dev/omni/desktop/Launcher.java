package dev.omni.desktop;

import javafx.application.Application;

/**
 * The desktop app's main class. It does not extend {@link Application}, so the app also starts
 * when JavaFX is on the class path rather than the module path.
 */
public final class Launcher {
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
        Application.launch(DesktopApp.class, args);
    }
}
