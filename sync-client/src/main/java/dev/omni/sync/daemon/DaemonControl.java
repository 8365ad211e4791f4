package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.home.ProcessLocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starting, stopping and inspecting the daemon from the outside (the CLI, the desktop app).
 * {@code start} runs {@code omni daemon run} as a detached process of its own session, with its
 * output in {@code <home>/logs/daemon.out}.
 */
public final class DaemonControl {
    private final Omni omni;

    public DaemonControl(Omni omni) {
        this.omni = omni;
    }

    public Path stateFile() {
        return omni.home().root().resolve("daemon.json");
    }

    public Path logFile() {
        return omni.home().logs().resolve("daemon.log");
    }

    /** The running daemon's pid, when one holds the lock. */
    public Optional<Long> running() {
        try (ProcessLocks.Held probe = Daemon.lock(omni)) {
            return Optional.empty();
        } catch (OmniException e) {
            if (e.kind() != OmniException.Kind.BUSY) {
                throw e;
            }
            return Optional.of(status().map(DaemonStatus::pid).orElse(-1L));
        }
    }

    /** What the last daemon of this home wrote about itself, if anything (it may have stopped since: see {@link #running()}). */
    public Optional<DaemonStatus> status() {
        return DaemonStatus.read(stateFile());
    }

    /** Starts a daemon in the background; returns its pid. */
    public long start(List<String> command) {
        Optional<Long> pid = running();
        if (pid.isPresent()) {
            throw OmniException.conflict("a daemon is already running (pid " + pid.get() + ")");
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(command);
        try {
            Files.createDirectories(omni.home().logs());
            Path out = omni.home().logs().resolve("daemon.out");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(omni.env().vars());
            pb.environment().put("OMNI_HOME", omni.home().root().toString());
            Process p = pb.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Long> now = running();
                if (now.isPresent() && now.get() > 0) {
                    return now.get();
                }
                if (!p.isAlive() && p.exitValue() != 0) {
                    throw new OmniException(OmniException.Kind.FAILURE, "the daemon stopped at once (exit " + p.exitValue() + "); see " + out);
                }
                Thread.sleep(100);
            }
            throw new OmniException(OmniException.Kind.FAILURE, "the daemon did not start within a minute; see " + out);
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot start the daemon: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(OmniException.Kind.FAILURE, "interrupted");
        }
    }

    /** Stops the running daemon (SIGTERM, then SIGKILL after 15 s); false when none ran. */
    public boolean stop() {
        Optional<Long> pid = running();
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid.get());
        if (h.isEmpty()) {
            throw new OmniException(OmniException.Kind.FAILURE, "the daemon holds its lock but its pid " + pid.get() + " is unknown");
        }
        h.get().destroy();
        try {
            h.get().onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            h.get().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // it is gone either way
        }
        return true;
    }

    /** The last lines of the daemon's log. */
    public List<String> logs(int lines) {
        Path f = logFile();
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a systemd user unit that runs {@code command} (ending in {@code daemon run}); returns its
     * path. The user then runs {@code systemctl --user enable --now omni-daemon}.
     */
    public Path install(List<String> command, Path unitDir) {
        String exec = String.join(" ", command.stream().map(DaemonControl::quote).toList());
        String unit = template().replaceAll("(?m)^#.*\n", "").stripLeading()
                .replace("ExecStart=/usr/bin/omni daemon run\n", "Environment=OMNI_HOME=" + quote(omni.home().root().toString())
                        + "\nExecStart=" + exec + "\n");
        try {
            Files.createDirectories(unitDir);
            Path f = unitDir.resolve("omni-daemon.service");
            Files.writeString(f, unit, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write the unit: " + e.getMessage(), e);
        }
    }

    /** packaging/systemd/omni-daemon.service, as the build copies it into the jar. */
    private static String template() {
        try (InputStream in = DaemonControl.class.getResourceAsStream("omni-daemon.service")) {
            if (in == null) {
                throw new IllegalStateException("omni-daemon.service is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
