package dev.omni.cli.commands;

import dev.omni.sync.daemon.Daemon;
import java.util.List;

/** The daemon's periodic extra work (the transcript scan, the change exchange), added as they exist. */
final class DaemonTasks {
    private DaemonTasks() {
    }

    static List<Daemon.Task> all() {
        return List.of();
    }
}
