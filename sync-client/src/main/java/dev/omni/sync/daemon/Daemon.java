package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.config.Config;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.snapshot.StatCache;
import dev.omni.core.snapshot.WorkTree;
import dev.omni.core.store.ProcessLocks;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.core.workspace.Workspaces;
import dev.omni.sync.PushService;
import dev.omni.sync.RemoteState;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.ServerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background daemon: watches every workspace of this machine, snapshots one (source
 * {@code daemon}) once it has been quiet for a while, pushes when logged in, heartbeats, and looks
 * for new agent transcripts. Work that cannot reach the server waits: the snapshots are in the
 * store and the memory changes in the outbox, and pushing is retried with exponential backoff and
 * jitter until the server is back. One daemon per omni home (a lock).
 */
public final class Daemon {
    static final long TICK_MS = 250;
    static final long MAX_BACKOFF_MS = 5 * 60_000;
    /** The task that runs with every push (every 30 s at least) rather than on its own interval. */
    static final String CHANGES = "changes";

    private final Omni omni;
    private final DaemonLog log;
    private final List<Task> extraTasks;
    private final DaemonState state;
    private final Map<String, Workspace> workspaces = new HashMap<>();

    /**
     * Something else the daemon does now and then (the transcript scan, the change exchange, the
     * semantic index). A task that is also {@link AutoCloseable} is closed when the daemon stops.
     */
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
        this.state = new DaemonState(omni.home().root().resolve("daemon.json"));
    }

    public static ProcessLocks.Held lock(Omni omni) {
        return ProcessLocks.exclusive(omni.home().locks().resolve("daemon.lock"), 0,
                "a daemon is already running for " + omni.home().root() + " (see 'omni daemon status')");
    }

    /** Runs until {@code stop} is set; holds the daemon lock all along. */
    public void run(AtomicBoolean stop) throws IOException, InterruptedException {
        try (ProcessLocks.Held lock = lock(omni); WorkspaceWatcher watcher = new WorkspaceWatcher()) {
            log.info("daemon started, pid " + ProcessHandle.current().pid() + ", home " + omni.home().root());
            state.started();
            long nextRescan = 0;
            long nextPush = 0;
            long backoff = 1000;
            long nextHeartbeat = 0;
            long nextState = 0;
            Map<String, Long> nextTask = new HashMap<>();
            while (!stop.get()) {
                try {
                    long now = System.currentTimeMillis();
                    watcher.poll(TICK_MS, now);
                    now = System.currentTimeMillis();
                    Config config = Config.load(omni.home().configDir());
                    long quiet = config.getLong(Config.Key.DAEMON_QUIET_MS);
                    boolean snapped = false;
                    if (now >= nextRescan) {
                        refresh(watcher);
                        for (Workspace w : workspaces.values()) {
                            snapped |= snapshot(w);
                        }
                        nextRescan = now + config.getLong(Config.Key.DAEMON_RESCAN_SECONDS) * 1000;
                    }
                    for (Workspace w : List.copyOf(workspaces.values())) {
                        Long last = watcher.lastChange(w.id());
                        if (last != null && now - last >= quiet) {
                            watcher.clear(w.id(), last);
                            snapped |= snapshot(w);
                        }
                    }
                    if (snapped) {
                        nextPush = Math.min(nextPush, now);
                    }
                    if (now >= nextPush && config.getBoolean(Config.Key.DAEMON_PUSH)) {
                        if (pushAll()) {
                            backoff = 1000;
                            nextPush = now + 30_000;
                        } else {
                            long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                            nextPush = now + backoff / 2 + jitter;
                            state.retryAt(nextPush);
                            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                        }
                    }
                    if (now >= nextHeartbeat) {
                        heartbeat();
                        nextHeartbeat = now + 60_000;
                    }
                    runTasks(config, nextTask, now);
                    if (now >= nextState) {
                        state.queue(PendingChanges.queue(omni));
                        state.save(workspaces, watcher.watched());
                        nextState = now + 2000;
                    }
                } catch (RuntimeException e) {
                    // One bad pass (a damaged file, a full disk) must not end the daemon: log, wait, go on.
                    log.error("unexpected: " + e);
                    state.error(String.valueOf(e.getMessage()));
                    Thread.sleep(1000);
                }
            }
            log.info("daemon stopping");
            for (Task t : extraTasks) {
                if (t instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        log.warn(t.name() + " did not stop cleanly: " + e.getMessage());
                    }
                }
            }
            state.stopped();
        }
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

    /** Pushes every workspace whose head the server does not have; false when something failed. */
    private boolean pushAll() {
        ServerClient client = clientOrNull();
        if (client == null) {
            return true;
        }
        String server = client.server().toString();
        boolean ok = true;
        for (Workspace w : workspaces.values()) {
            Workspace fresh = new WorkspaceService(omni).find(w.id()).orElse(w);
            if (fresh.currentSnapshot() == null) {
                continue;
            }
            String pushed = omni.db().read(c -> RemoteState.head(c, server, w.id())).map(RemoteState.Head::snapshot).orElse(null);
            if (fresh.currentSnapshot().value().equals(pushed)) {
                continue;
            }
            try {
                PushService.Result r = new PushService(omni, client, Progress.NONE).push(fresh);
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

    private void heartbeat() {
        omni.db().write(c -> {
            for (Workspace w : workspaces.values()) {
                Workspaces.touch(c, w.id(), omni.now());
            }
            return null;
        });
    }

    private void runTasks(Config config, Map<String, Long> next, long now) {
        for (Task t : extraTasks) {
            if (t.name().equals(CHANGES) || now < next.getOrDefault(t.name(), 0L)) {
                continue;
            }
            next.put(t.name(), now + t.everyMs(config));
            try {
                t.run(omni, clientOrNull());
            } catch (Exception e) {
                log.warn(t.name() + " failed: " + e.getMessage());
            }
        }
    }
}
