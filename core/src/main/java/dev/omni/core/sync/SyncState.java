package dev.omni.core.sync;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What this store knows of one server (by its URL, so that switching servers starts over
 * cleanly): which projects, workspaces and snapshots are there, each workspace's head there with
 * its version, where the feeds were last read. And what a pull brings from it into the store: other
 * machines' workspaces, snapshots with the objects they reach, and heads.
 */
public final class SyncState {
    private final Omni omni;
    private final String server;

    public SyncState(Omni omni, String server) {
        this.omni = omni;
        this.server = server;
    }

    public String server() {
        return server;
    }

    /** A workspace's head on the server, as last seen, with its version (for the next head move). */
    public record Head(long version, String snapshot) {
    }

    /** Whether this project was pushed to or pulled from the server. */
    public boolean hasProject(String projectId) {
        return omni.db().read(c -> RemoteState.hasProject(c, server, projectId));
    }

    /** The project is on the server now. */
    public void addProject(String projectId) {
        omni.db().write(c -> {
            RemoteState.addProject(c, server, projectId, omni.now());
            return null;
        });
    }

    /** The workspace's head on the server as last seen; empty when it was never pushed or pulled. */
    public Optional<Head> head(String workspaceId) {
        return omni.db().read(c -> RemoteState.head(c, server, workspaceId));
    }

    /** The workspace's head on the server is now {@code snapshot}, at {@code version}. */
    public void setHead(String workspaceId, long version, String snapshot) {
        omni.db().write(c -> {
            RemoteState.setHead(c, server, workspaceId, version, snapshot, omni.now());
            return null;
        });
    }

    /** The snapshots known to be on the server. */
    public Set<SnapshotId> snapshots() {
        return omni.db().read(c -> RemoteState.snapshots(c, server));
    }

    /** The snapshot is on the server now. */
    public void addSnapshot(SnapshotId id) {
        omni.db().write(c -> {
            RemoteState.addSnapshot(c, server, id, omni.now());
            return null;
        });
    }

    /** Where the feed {@code name} was last read; null before the first read. */
    public String cursor(String name) {
        return omni.db().read(c -> RemoteState.cursor(c, server, name));
    }

    public void setCursor(String name, String cursor) {
        omni.db().write(c -> {
            RemoteState.setCursor(c, server, name, cursor);
            return null;
        });
    }

    /**
     * A project of the server, as this store knows it (added when new), registered as being on the
     * server; for a clone.
     */
    public Project adoptProject(Project remote) {
        return omni.db().transaction(() -> {
            boolean known = new WorkspaceService(omni).findProject(remote.id()).isPresent();
            Project p = new WorkspaceService(omni).adoptProject(remote);
            if (!known) {
                addProject(remote.id());
            }
            return p;
        });
    }

    /**
     * Adds the server's workspaces of {@code project} that this store does not know (as living on
     * other machines); returns how many were added.
     */
    public int adoptWorkspaces(Project project, List<RemoteWorkspace> remote) {
        List<Workspace> rows = new ArrayList<>();
        for (RemoteWorkspace w : remote) {
            rows.add(new Workspace(w.id(), project.id(), w.name(), w.machineId(), null, null, null, w.lastSeenAt(),
                    w.createdAt() != null ? w.createdAt() : omni.now(), 1, "{}"));
        }
        return new WorkspaceService(omni).adoptWorkspaces(project.id(), rows);
    }

    /**
     * Stores a snapshot pulled from the server, with the objects {@code ins} fetched for it (flushed):
     * the objects, the snapshot and the mark that the server has it become visible together, in one
     * transaction. Its parents must be here already.
     */
    public void importSnapshot(Snapshot snap, ObjectInserter ins) {
        SnapshotService snapshots = new SnapshotService(omni);
        omni.db().transaction(() -> {
            for (SnapshotId p : snap.parents()) {
                if (!snapshots.exists(p)) {
                    throw OmniException.corrupt("the server sent " + snap.id() + " before its parent " + p);
                }
            }
            ins.commit();
            snapshots.insert(snap);
            addSnapshot(snap.id());
            return null;
        });
    }

    /**
     * Remembers each workspace's head on the server; other machines' workspaces follow it here (when
     * the snapshot is here), this machine's own only remember it.
     */
    public void followHeads(List<RemoteWorkspace> remote) {
        WorkspaceService workspaces = new WorkspaceService(omni);
        SnapshotService snapshots = new SnapshotService(omni);
        omni.db().transaction(() -> {
            for (RemoteWorkspace w : remote) {
                setHead(w.id(), w.version(), w.currentSnapshotId());
                Workspace local = workspaces.find(w.id()).orElse(null);
                String head = w.currentSnapshotId();
                if (local == null || head == null || omni.machineId().equals(local.machineId()) && local.localPath() != null) {
                    continue;
                }
                SnapshotId h = new SnapshotId(head);
                if (snapshots.exists(h) && !h.equals(local.currentSnapshot())) {
                    workspaces.setHead(w.id(), h, omni.now());
                    String base = w.baseSnapshotId();
                    if (local.baseSnapshot() == null && base != null && snapshots.exists(new SnapshotId(base))) {
                        workspaces.setBase(w.id(), new SnapshotId(base));
                    }
                }
            }
            return null;
        });
    }
}
