package dev.omni.cli;

import dev.omni.cli.support.Style;
import dev.omni.cli.support.TerminalProgress;
import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Everything one run of {@code omni} shares: the environment, the output streams, the global
 * options, and the omni home (opened on first use). Injected into every command by {@link Main}.
 */
public final class Context implements AutoCloseable {
    private final Env env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final boolean interactive;
    private Path home;
    private boolean quiet;
    private boolean verbose;
    private Omni omni;
    private boolean warned;
    private String entryPoint;
    private java.io.OutputStream rawOut;

    public Context(Env env, PrintWriter out, PrintWriter err, InputStream in, boolean interactive) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
        this.interactive = interactive;
    }

    public Env env() {
        return env;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    /** The class whose {@code main} runs this omni, for starting another omni process (the daemon) the same way. */
    public String entryPoint() {
        return entryPoint;
    }

    void setEntryPoint(String className) {
        this.entryPoint = className;
    }

    void setRawOut(java.io.OutputStream out) {
        this.rawOut = out;
    }

    /** Standard output as bytes (null when omni runs embedded): only for a protocol spoken on it. */
    public java.io.OutputStream rawOut() {
        return rawOut;
    }

    public void setHome(Path home) {
        this.home = home;
    }

    /** The data directory given with {@code --home}, or null. */
    Path home() {
        return home;
    }

    public void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Standard output and error are a terminal (progress bars and colour are allowed). */
    public boolean interactive() {
        return interactive;
    }

    public Style style() {
        return new Style(interactive && env.get("NO_COLOR") == null);
    }

    public synchronized Omni omni() {
        if (omni == null) {
            omni = Omni.open(env, home);
        }
        return omni;
    }

    /** Progress on a terminal unless quiet or printing JSON; nothing otherwise. */
    public Progress progress(boolean json) {
        if (!interactive || quiet || json) {
            return Progress.NONE;
        }
        return new TerminalProgress(err);
    }

    /** Warnings go to standard error, one line each ("warning: PATH: what"), even with --quiet. */
    public Warnings warnings() {
        return (path, message) -> {
            synchronized (err) {
                warned = true;
                err.println("warning: " + (path == null || path.isEmpty() ? "" : dev.omni.core.model.PathRules.printable(path) + ": ") + message);
                err.flush();
            }
        };
    }

    public boolean warned() {
        return warned;
    }

    /** Prints a line for people unless --quiet. */
    public void say(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    @Override
    public synchronized void close() {
        if (omni != null) {
            omni.close();
            omni = null;
        }
    }
}
