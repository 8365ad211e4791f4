package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.config.Config;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.sync.SyncPlan;
import dev.omni.core.sync.SyncPlanner;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.sync.PushService;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.ServerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background daemon: watches every workspace of this machine, snapshots one (source
 * {@code daemon}) once it has been quiet for a while, pushes what the {@link SyncPlanner} says the
 * server lacks when logged in, heartbeats, and runs its other tasks (the change exchange, the
 * transcript scan, the pull) on their intervals. It is a scheduler: each pass asks the clock (the
 * omni home's, so tests move it) which jobs are due. Work that cannot reach the server waits: the
 * snapshots are in the store and the memory changes in the outbox, and pushing is retried with
 * exponential backoff and jitter until the server is back. One daemon per omni home (a lock).
 */
public final class Daemon {
    static final long TICK_MS = 250;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration PUSH_EVERY = Duration.ofSeconds(30);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(60);
    static final Duration STATUS_EVERY = Duration.ofSeconds(2);
    /** The task that runs with every push (every 30 s at least) rather than on its own interval. */
    static final String CHANGES = "changes";
    static final String RESCAN = "rescan";
    static final String PUSH = "push";
    static final String HEARTBEAT = "heartbeat";
    static final String STATUS = "status";

    private final Omni omni;
    private final DaemonLog log;
    private final List<Task> extraTasks;
    private final Clock clock;
    private final DaemonState state;
    private final ConfigWatch config;
    private final Schedule schedule = new Schedule();
    private final Schedule.Backoff backoff = new Schedule.Backoff(MAX_BACKOFF);
    private final Map<String, Workspace> workspaces = new HashMap<>();

    /** Something else the daemon does now and then (the transcript scan, the change exchange). */
    public interface Task {
        String name();

        long everyMs(Config config);

        /** Runs once; may throw (logged, and tried again next time). */
        void run(Omni omni, ServerClient clientOrNull) throws Exception;
    }

    public Daemon(Omni omni, DaemonLog log, List<Task> extraTasks) {
        this.omni = omni;
        this.log = log;
        this.extraTasks = extraTasks;
        this.clock = omni.env().clock();
        this.state = new DaemonState(new DaemonControl(omni).stateFile(), clock);
        this.config = new ConfigWatch(omni.home().configDir(), m -> log.warn("config.toml: " + m));
    }

    public static ProcessLocks.Held lock(Omni omni) {
        return ProcessLocks.exclusive(omni.home().locks().resolve("daemon.lock"), 0, OmniException.Reason.DAEMON_RUNNING,
                "a daemon is already running for " + omni.home().root());
    }

    /** Runs until {@code stop} is set; holds the daemon lock all along. */
    public void run(AtomicBoolean stop) throws IOException, InterruptedException {
        try (ProcessLocks.Held lock = lock(omni); WorkspaceWatcher watcher = new WorkspaceWatcher()) {
            log.info("daemon started, pid " + ProcessHandle.current().pid() + ", home " + omni.home().root());
            state.started();
            while (!stop.get()) {
                // Waits for file events up to a tick: the watcher, not a sleep, paces the loop.
                watcher.poll(TICK_MS, clock.millis());
                try {
                    pass(watcher);
                } catch (RuntimeException e) {
                    // One bad pass (a damaged file, a full disk) must not end the daemon: log, wait, go on.
                    log.error("unexpected: " + e);
                    state.error(String.valueOf(e.getMessage()));
                    Thread.sleep(1000);
                }
            }
            log.info("daemon stopping");
            state.stopped();
        }
    }

    /** One pass: runs every job that is due on the clock now. */
    void pass(WorkspaceWatcher watcher) {
        Instant now = clock.instant();
        Config settings = config.current();
        boolean snapped = false;
        if (schedule.due(RESCAN, now)) {
            refresh(watcher);
            for (Workspace w : workspaces.values()) {
                snapped |= snapshot(w);
            }
            schedule.after(RESCAN, now, Duration.ofSeconds(settings.getLong(Config.Key.DAEMON_RESCAN_SECONDS)));
        }
        long quiet = settings.getLong(Config.Key.DAEMON_QUIET_MS);
        for (Workspace w : List.copyOf(workspaces.values())) {
            Long last = watcher.lastChange(w.id());
            if (last != null && now.toEpochMilli() - last >= quiet) {
                watcher.clear(w.id(), last);
                snapped |= snapshot(w);
            }
        }
        if (snapped) {
            schedule.soon(PUSH, now);
        }
        if (settings.getBoolean(Config.Key.DAEMON_PUSH) && schedule.due(PUSH, now)) {
            if (pushAll()) {
                backoff.reset();
                schedule.after(PUSH, now, PUSH_EVERY);
            } else {
                Instant retry = backoff.next(now);
                schedule.at(PUSH, retry);
                state.retryAt(retry);
            }
        }
        if (schedule.due(HEARTBEAT, now)) {
            new WorkspaceService(omni).touch(workspaces.keySet());
            schedule.after(HEARTBEAT, now, HEARTBEAT_EVERY);
        }
        runTasks(settings, now);
        if (schedule.due(STATUS, now)) {
            SyncPlan plan = new SyncPlanner(omni).plan(loggedInServer());
            state.queue(new DaemonStatus.Queue(plan.toPush().size(), plan.changesWaiting()));
            state.save(workspaces, watcher.watched());
            schedule.after(STATUS, now, STATUS_EVERY);
        }
    }

    /** The status as the daemon holds it now (for tests; others read {@link DaemonControl#status()}). */
    DaemonStatus status() {
        return state.status();
    }

    /** When {@code job} is due next (for tests). */
    Instant nextRun(String job) {
        return schedule.next(job);
    }

    /** Picks up workspaces added or removed on this machine, and watches new ones. */
    private void refresh(WorkspaceWatcher watcher) {
        Map<String, Workspace> now = new HashMap<>();
        for (Workspace w : new WorkspaceService(omni).workspaces(null)) {
            if (w.localPath() != null && omni.machineId().equals(w.machineId()) && Files.isDirectory(w.localPath())) {
                now.put(w.id(), w);
            }
        }
        for (String gone : List.copyOf(workspaces.keySet())) {
            if (!now.containsKey(gone)) {
                watcher.unwatch(gone);
                log.info("no longer watching workspace " + workspaces.get(gone).name());
            }
        }
        workspaces.clear();
        workspaces.putAll(now);
        for (Workspace w : now.values()) {
            if (!watcher.watches(w.id())) {
                try {
                    WorkTree work = new SnapshotService(omni).scan(w.localPath(), StatCache.load(omni.statCacheFile(w.id())), null,
                            (p, m) -> { }, Progress.NONE);
                    int n = watcher.watch(w.id(), w.localPath(), work.treeIds().keySet());
                    log.info("watching workspace " + w.name() + " at " + w.localPath() + " (" + n + " directories)");
                } catch (OmniException e) {
                    log.warn("cannot watch workspace " + w.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Takes a snapshot when the working copy changed; true when one was recorded. */
    private boolean snapshot(Workspace w) {
        try {
            Workspace fresh = new WorkspaceService(omni).find(w.id()).orElse(w);
            SnapshotService.Taken t = new SnapshotService(omni).take(fresh, SnapshotService.Options.of(null, "daemon"),
                    (p, m) -> log.warn(w.name() + ": " + p + ": " + m), Progress.NONE);
            if (t.recorded()) {
                log.info("snapshot " + t.snapshot().id() + " of " + w.name() + " (" + t.snapshot().files() + " files, "
                        + t.newObjects() + " new objects)");
                state.snapshotted(w.id(), t.snapshot().id().value());
                return true;
            }
        } catch (OmniException e) {
            if (e.kind() == OmniException.Kind.CONFLICT || e.kind() == OmniException.Kind.BUSY) {
                log.info("skipped a snapshot of " + w.name() + ": " + e.getMessage());
            } else {
                log.warn("snapshot of " + w.name() + " failed: " + e.getMessage());
                state.error(e.getMessage());
            }
        }
        return false;
    }

    /** Pushes what the plan says the server lacks, then exchanges changes; false when something failed. */
    private boolean pushAll() {
        ServerClient client = clientOrNull();
        if (client == null) {
            return true;
        }
        boolean ok = true;
        for (Workspace w : new SyncPlanner(omni).plan(client.server().toString()).toPush()) {
            try {
                PushService.Result r = new PushService(omni, client, Progress.NONE).push(w);
                log.info("pushed " + w.name() + ": " + r.snapshots() + " snapshots, " + r.objectsSent() + " objects, " + r.bytesSent()
                        + " bytes, head " + r.head());
                state.pushed();
            } catch (OmniException e) {
                ok = false;
                log.warn("push of " + w.name() + " failed: " + e.getMessage());
                state.error(e.getMessage());
            }
        }
        for (Task t : extraTasks) {
            if (t.name().equals(CHANGES)) {
                try {
                    t.run(omni, client);
                } catch (Exception e) {
                    ok = false;
                    log.warn("change exchange failed: " + e.getMessage());
                    state.error(e.getMessage());
                }
            }
        }
        return ok;
    }

    private String loggedInServer() {
        return new AuthService(omni).status().map(l -> l.server().toString()).orElse(null);
    }

    private ServerClient clientOrNull() {
        AuthService auth = new AuthService(omni);
        if (auth.status().isEmpty()) {
            return null;
        }
        try {
            return auth.client();
        } catch (OmniException e) {
            state.error(e.getMessage());
            return null;
        }
    }

    private void runTasks(Config settings, Instant now) {
        for (Task t : extraTasks) {
            if (t.name().equals(CHANGES) || !schedule.due(t.name(), now)) {
                continue;
            }
            schedule.after(t.name(), now, Duration.ofMillis(t.everyMs(settings)));
            try {
                t.run(omni, clientOrNull());
            } catch (Exception e) {
                log.warn(t.name() + " failed: " + e.getMessage());
            }
        }
    }
}
