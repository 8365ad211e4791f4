package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.config.Config;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.sync.SyncPlanner;
import dev.omni.core.workspace.Project;
import dev.omni.sync.ChangeSync;
import dev.omni.sync.PullService;
import dev.omni.sync.client.ServerClient;
import java.util.List;

/** The daemon's work besides snapshots and pushes: the change exchange, the transcript scan, the pull. */
public final class DaemonTasks {
    private DaemonTasks() {
    }

    public static List<Daemon.Task> defaults(DaemonLog log) {
        return List.of(changes(log), conversations(log), pull(log));
    }

    /** Memory, conversations and activity both ways; run with every push and on the pull interval. */
    static Daemon.Task changes(DaemonLog log) {
        return task(Daemon.CHANGES, Config.Key.DAEMON_PULL_SECONDS, (omni, client) -> {
            if (client == null) {
                return;
            }
            ChangeSync.Result r = new ChangeSync(omni, client, (path, message) -> log.warn(message)).exchange();
            if (r.pushed() > 0 || r.received() > 0) {
                log.info("changes: " + r.pushed() + " sent, " + r.received() + " received, " + r.applied() + " applied");
            }
        });
    }

    /** {@code omni conv scan}: new agent transcripts of the registered workspaces. */
    static Daemon.Task conversations(DaemonLog log) {
        return task("conversations", Config.Key.DAEMON_CONV_SCAN_SECONDS, (omni, client) -> {
            var report = new ConversationService(omni).scan((path, message) -> log.warn((path == null ? "" : path + ": ") + message));
            if (report.newMessages() > 0) {
                log.info("conversations: " + report.newMessages() + " new messages from " + report.files().size() + " transcripts");
            }
        });
    }

    /** The other workspaces' snapshots, so that drift and merge see them without waiting. */
    static Daemon.Task pull(DaemonLog log) {
        return task("pull", Config.Key.DAEMON_PULL_SECONDS, (omni, client) -> {
            if (client == null) {
                return;
            }
            for (Project p : new SyncPlanner(omni).plan(client.server().toString()).toPull()) {
                PullService.Result r = new PullService(omni, client, Progress.NONE).pull(p);
                if (r.snapshots() > 0) {
                    log.info("pulled " + r.snapshots() + " snapshots of " + p.name());
                }
            }
        });
    }

    /** The body of a task. */
    @FunctionalInterface
    interface Body {
        void run(Omni omni, ServerClient clientOrNull) throws Exception;
    }

    private static Daemon.Task task(String name, Config.Key every, Body body) {
        return new Daemon.Task() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long everyMs(Config config) {
                long s = config.getLong(every);
                return s <= 0 ? Long.MAX_VALUE / 4 : s * 1000;
            }

            @Override
            public void run(Omni omni, ServerClient clientOrNull) throws Exception {
                body.run(omni, clientOrNull);
            }
        };
    }
}
