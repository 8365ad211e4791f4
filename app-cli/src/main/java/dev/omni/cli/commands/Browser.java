package dev.omni.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;

/** Opens a URL in the user's browser without Swing/AWT: xdg-open, open, or start. */
final class Browser {
    private Browser() {
    }

    static void open(URI uri, PrintWriter err) {
        String os = System.getProperty("os.name", "").toLowerCase();
        String[] cmd = os.contains("mac") ? new String[] {"open", uri.toString()}
                : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", uri.toString()}
                : new String[] {"xdg-open", uri.toString()};
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("(could not open a browser: " + e.getMessage() + "; open the link yourself)");
        }
    }
}
