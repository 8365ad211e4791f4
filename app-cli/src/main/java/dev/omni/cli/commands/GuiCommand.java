package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.core.OmniException;
import dev.omni.core.home.OmniHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omni gui}: starts the desktop app. The CLI does not depend on the desktop module; it runs
 * the desktop launcher: {@code $OMNI_DESKTOP}, else {@code omni-desktop} beside the {@code omni}
 * launcher ({@code $OMNI_LAUNCHER}), on the same omni home and config directory.
 */
@Command(name = "gui", description = {"Start the omni desktop app on this omni home.",
    "It is found through $OMNI_DESKTOP, else as omni-desktop beside the omni launcher."})
public final class GuiCommand extends BaseCommand {
    /** What the desktop launcher prints once its window shows, and before a one-line failure (dev.omni.desktop.Launcher). */
    static final String WINDOW_SHOWN = "omni-desktop: window shown";
    static final String CANNOT_START = "omni-desktop: cannot start: ";
    /** How long to wait for the window before leaving the app to start on its own. */
    static final long START_WAIT_MS = 120_000;

    @Option(names = "--wait", description = "Stay in the foreground until the window closes (its output shows here).")
    boolean waitForIt;

    @Override
    protected int run() throws Exception {
        Path launcher = launcher();
        OmniHome home = omni().home();
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.add("--home");
        cmd.add(home.root().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ctx.env().cwd().toFile());
        pb.environment().clear();
        pb.environment().putAll(ctx.env().vars());
        // The app must see the config directory this command sees (an explicit --home would otherwise move it).
        pb.environment().put("OMNI_CONFIG_DIR", home.configDir().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (waitForIt) {
            Process p = pb.redirectErrorStream(true).start();
            try (var in = p.getInputStream()) {
                in.transferTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        ctx.out().write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        ctx.out().write(new String(b, off, len, StandardCharsets.UTF_8));
                        ctx.out().flush();
                    }
                });
            }
            return p.waitFor() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        Files.createDirectories(home.logs());
        Path log = home.logs().resolve("desktop.out");
        long from = Files.exists(log) ? Files.size(log) : 0;
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot start " + launcher + ": " + e.getMessage(), e);
        }
        if (awaitWindow(p, log, from)) {
            ctx.say("Started the omni desktop app (output in " + log + ")");
        } else {
            ctx.say("Starting the omni desktop app (output in " + log + ")");
        }
        return ExitCodes.OK;
    }

    /**
     * Waits until the app says its window shows (true), or ends: a failure to start becomes this
     * command's error, in the app's own words (one line, such as the library to install). An app
     * still starting after {@link #START_WAIT_MS} (a first run builds it) is left to go on (false).
     */
    private boolean awaitWindow(Process p, Path log, long from) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_WAIT_MS * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            boolean ended = p.waitFor(100, TimeUnit.MILLISECONDS);
            String out = readFrom(log, from);
            if (out.contains(WINDOW_SHOWN)) {
                return true;
            }
            if (ended) {
                if (p.exitValue() == 0) {
                    return true;
                }
                String why = out.lines().filter(l -> l.startsWith(CANNOT_START)).reduce((a, b) -> b)
                        .map(l -> l.substring(CANNOT_START.length()))
                        .orElse("it ended at once (exit " + p.exitValue() + "); see " + log);
                throw new OmniException(OmniException.Kind.FAILURE, "the desktop app cannot start: " + why);
            }
        }
        return false;
    }

    private static String readFrom(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    private Path launcher() {
        String explicit = ctx.env().get("OMNI_DESKTOP");
        if (explicit != null) {
            Path p = ctx.env().cwd().resolve(explicit);
            if (!Files.isExecutable(p)) {
                throw OmniException.notFound("OMNI_DESKTOP is " + explicit + ", which is not an executable file");
            }
            return p;
        }
        String omni = ctx.env().get("OMNI_LAUNCHER");
        if (omni != null) {
            Path p = Path.of(omni).toAbsolutePath().resolveSibling("omni-desktop");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String packaged = System.getProperty("jpackage.app-path");
        if (packaged != null) {
            Path p = Path.of(packaged).resolveSibling("omni-desktop");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw OmniException.notFound("cannot find the desktop app: no omni-desktop beside the omni launcher"
                + (omni == null ? "" : " (" + omni + ")") + "; set OMNI_DESKTOP to the omni-desktop launcher");
    }
}
