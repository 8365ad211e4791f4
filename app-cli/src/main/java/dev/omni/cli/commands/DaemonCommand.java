package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.Context;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.sync.SyncPlan;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.sync.SyncAll;
import dev.omni.sync.daemon.Daemon;
import dev.omni.sync.daemon.DaemonControl;
import dev.omni.sync.daemon.DaemonLog;
import dev.omni.sync.daemon.DaemonStatus;
import dev.omni.sync.daemon.DaemonTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni daemon …}: the background daemon. */
@Command(name = "daemon", description = {"Run the background daemon that snapshots and syncs on its own.",
    "It watches this machine's workspaces, snapshots them after a quiet period, pushes when logged in, and picks up new agent transcripts. One per omni home."},
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class, DaemonCommand.Run.class,
            DaemonCommand.Logs.class, DaemonCommand.Install.class})
public final class DaemonCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.out());
        return ExitCodes.USAGE;
    }

    /** The command that runs the daemon in the foreground: the launcher, else this very JVM's command line. */
    static List<String> runCommand(Context ctx, Path home) {
        List<String> cmd = new ArrayList<>();
        String launcher = ctx.env().get("OMNI_LAUNCHER");
        if (launcher != null) {
            cmd.add(launcher);
        } else {
            ProcessHandle.Info info = ProcessHandle.current().info();
            cmd.add(info.command().orElse("java"));
            for (String a : info.arguments().orElse(new String[0])) {
                cmd.add(a);
                if (a.equals(ctx.entryPoint())) {
                    break;
                }
            }
        }
        cmd.add("--home");
        cmd.add(home.toString());
        cmd.add("daemon");
        cmd.add("run");
        return cmd;
    }

    /** {@code omni daemon start}. */
    @Command(name = "start", description = "Start the daemon in the background.")
    public static final class Start extends BaseCommand {
        @Override
        protected int run() {
            long pid = new DaemonControl(omni()).start(runCommand(ctx, omni().home().root()));
            ctx.say("Daemon started (pid " + pid + "); logs: omni daemon logs");
            return ExitCodes.OK;
        }
    }

    /** {@code omni daemon stop}. */
    @Command(name = "stop", description = "Stop the daemon.")
    public static final class Stop extends BaseCommand {
        @Override
        protected int run() {
            boolean stopped = new DaemonControl(omni()).stop();
            ctx.say(stopped ? "Daemon stopped." : "No daemon was running.");
            return ExitCodes.OK;
        }
    }

    /** {@code omni daemon status}. */
    @Command(name = "status", description = {"Show whether the daemon runs, its queue and last error.",
        "With its workspaces and last push. Exits 1 when it does not run."})
    public static final class Status extends BaseCommand {
        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            DaemonControl control = new DaemonControl(omni());
            var pid = control.running();
            DaemonStatus state = control.status().orElse(null);
            SyncPlan plan = SyncAll.plan(omni());
            if (json.json) {
                Map<String, Object> queue = new LinkedHashMap<>();
                queue.put("workspaces_to_push", plan.toPush().size());
                queue.put("changes_to_push", plan.changesWaiting());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("running", pid.isPresent());
                m.put("pid", pid.orElse(null));
                m.put("queue", queue);
                m.put("state", state == null ? null : state.toJson());
                JsonOption.print(ctx.out(), m);
                return pid.isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
            if (pid.isEmpty()) {
                ctx.out().println("The daemon is not running (start it with 'omni daemon start').");
            } else {
                ctx.out().println("The daemon is running (pid " + pid.get() + ")"
                        + (state == null || state.startedAt() == null ? "" : " since " + Times.format(state.startedAt())));
                if (state != null) {
                    for (DaemonStatus.Watched w : state.workspaces()) {
                        ctx.out().println("  watching " + w.name() + " at " + w.path() + " ("
                                + Plural.of(w.watchedDirectories(), "directory", "directories") + ")");
                    }
                }
            }
            ctx.out().println("queue: " + Plural.of(plan.toPush().size(), "workspace") + " and "
                    + Plural.of(plan.changesWaiting(), "change") + " waiting to be pushed");
            if (state != null) {
                ctx.out().println("last snapshot: " + time(state.lastSnapshotAt()) + ", last push: " + time(state.lastPushAt()));
                if (state.lastError() != null) {
                    ctx.out().println("last error (" + time(state.lastErrorAt()) + "): " + state.lastError()
                            + (pid.isPresent() && state.nextRetryAt() != null ? "; retrying at " + time(state.nextRetryAt()) : ""));
                }
            }
            return pid.isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private static String time(java.time.Instant t) {
            return t == null ? "-" : Times.format(t);
        }
    }

    /** {@code omni daemon run}: in the foreground (for systemd). */
    @Command(name = "run", description = {"Run the daemon in the foreground (for systemd).", "It stops on SIGTERM or Ctrl-C."})
    public static final class Run extends BaseCommand {
        @Override
        protected int run() throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "omni-daemon-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                DaemonLog log = new DaemonLog(omni().home().logs(), omni().env().clock());
                new Daemon(omni(), log, DaemonTasks.defaults(log)).run(stop);
            } finally {
                done.countDown();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code omni daemon logs}. */
    @Command(name = "logs", description = "Show the end of the daemon's log.")
    public static final class Logs extends BaseCommand {
        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50", description = "How many lines (default 50).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines.")
        boolean follow;

        @Override
        protected int run() throws Exception {
            DaemonControl control = new DaemonControl(omni());
            List<String> shown = control.logs(lines);
            shown.forEach(ctx.out()::println);
            ctx.out().flush();
            if (follow) {
                long size = java.nio.file.Files.exists(control.logFile()) ? java.nio.file.Files.size(control.logFile()) : 0;
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    long now = java.nio.file.Files.exists(control.logFile()) ? java.nio.file.Files.size(control.logFile()) : 0;
                    if (now > size) {
                        try (var ch = java.nio.channels.FileChannel.open(control.logFile())) {
                            var buf = java.nio.ByteBuffer.allocate((int) (now - size));
                            ch.read(buf, size);
                            ctx.out().print(new String(buf.array(), java.nio.charset.StandardCharsets.UTF_8));
                            ctx.out().flush();
                        }
                    }
                    size = now;
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code omni daemon install}: a systemd user unit. */
    @Command(name = "install", description = {"Write a systemd user unit for the daemon.", "Then: systemctl --user enable --now omni-daemon"})
    public static final class Install extends BaseCommand {
        @Override
        protected int run() {
            String xdg = ctx.env().get("XDG_CONFIG_HOME");
            Path dir = (xdg != null ? Path.of(xdg) : ctx.env().userHome().resolve(".config")).resolve("systemd/user");
            Path unit = new DaemonControl(omni()).install(runCommand(ctx, omni().home().root()), dir);
            ctx.say("Wrote " + unit);
            ctx.say("Now run: systemctl --user daemon-reload && systemctl --user enable --now omni-daemon");
            return ExitCodes.OK;
        }
    }
}
