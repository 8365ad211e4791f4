package dev.omni.core.sync;

import dev.omni.core.Omni;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a sync has to do, from the store alone (no network): the one answer to "which
 * workspaces need pushing, which projects need pulling, what waits" that {@code omni push --all},
 * {@code omni sync}, the daemon and the status screens all use.
 */
public final class SyncPlanner {
    private final Omni omni;

    public SyncPlanner(Omni omni) {
        this.omni = omni;
    }

    /**
     * The plan for {@code server} (its URL; null when logged out). A workspace needs pushing when it
     * lives on this machine, has a snapshot, and its head is not the one last seen on the server; a
     * project needs pulling when it was pushed to or pulled from the server before.
     */
    public SyncPlan plan(String server) {
        long changes = new Outbox(omni).unpushed();
        if (server == null) {
            return new SyncPlan(null, List.of(), List.of(), changes);
        }
        WorkspaceService workspaces = new WorkspaceService(omni);
        SyncState state = new SyncState(omni, server);
        List<Workspace> push = new ArrayList<>();
        for (Workspace w : workspaces.workspaces(null)) {
            if (!local(w) || w.currentSnapshot() == null) {
                continue;
            }
            String there = state.head(w.id()).map(SyncState.Head::snapshot).orElse(null);
            if (!w.currentSnapshot().value().equals(there)) {
                push.add(w);
            }
        }
        List<Project> pull = new ArrayList<>();
        for (Project p : workspaces.projects()) {
            if (state.hasProject(p.id())) {
                pull.add(p);
            }
        }
        return new SyncPlan(server, push, pull, changes);
    }

    /** The workspaces with a working copy on this machine and a snapshot: what {@code push --all} considers. */
    public List<Workspace> localWorkspaces() {
        List<Workspace> out = new ArrayList<>();
        for (Workspace w : new WorkspaceService(omni).workspaces(null)) {
            if (local(w) && w.currentSnapshot() != null) {
                out.add(w);
            }
        }
        return out;
    }

    private boolean local(Workspace w) {
        return w.localPath() != null && omni.machineId().equals(w.machineId());
    }
}
