package dev.omni.core.sync;

import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import java.util.List;

/**
 * What this machine has to do with a server: the workspaces of this machine whose head the server
 * lacks (to push), the projects the server knows (to pull), and how many changes to memory,
 * conversations and activity wait in the outbox. {@code server} is null when logged out: then
 * nothing can be pushed or pulled, and only the changes are counted.
 */
public record SyncPlan(String server, List<Workspace> toPush, List<Project> toPull, long changesWaiting) {
    public SyncPlan {
        toPush = List.copyOf(toPush);
        toPull = List.copyOf(toPull);
    }

    /** Nothing waits to be pushed (workspaces or changes). */
    public boolean nothingToPush() {
        return toPush.isEmpty() && changesWaiting == 0;
    }
}
