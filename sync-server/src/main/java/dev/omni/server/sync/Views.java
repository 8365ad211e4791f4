package dev.omni.server.sync;

import dev.omni.server.store.ActivityEvent;
import dev.omni.server.store.Change;
import dev.omni.server.store.Project;
import dev.omni.server.store.Snapshot;
import dev.omni.server.store.Workspace;
import dev.omni.wire.ActivityView;
import dev.omni.wire.ChangeView;
import dev.omni.wire.ProjectView;
import dev.omni.wire.RawJson;
import dev.omni.wire.SnapshotView;
import dev.omni.wire.WorkspaceView;
import java.time.Instant;

/** The stored records as the wire types the API answers (dev.omni.wire). */
final class Views {
    private Views() {
    }

    /** Server times on the wire: ISO-8601 UTC, e.g. {@code 2026-11-21T10:15:30.123Z}. */
    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    static ProjectView project(Project p) {
        return new ProjectView(p.id(), p.name(), p.mainWorkspaceId(), p.lastSnapshotId(), iso(p.createdAt()), iso(p.updatedAt()));
    }

    static WorkspaceView workspace(Workspace w) {
        return new WorkspaceView(w.id(), w.projectId(), w.name(), w.machineId(), w.localPath(), w.baseSnapshotId(),
                w.currentSnapshotId(), w.version(), iso(w.lastSeenAt()), iso(w.createdAt()), iso(w.updatedAt()));
    }

    static SnapshotView snapshot(Snapshot s) {
        return new SnapshotView(s.id(), s.projectId(), s.workspaceId(), s.manifestHash(), s.parents(), s.message(),
                s.source(), s.author(), s.createdAt(), s.files(), s.bytes(), iso(s.receivedAt()), Paging.format(s.seq()));
    }

    static ActivityView activity(ActivityEvent e) {
        return new ActivityView(Paging.format(e.seq()), e.type(), e.projectId(), e.workspaceId(), e.snapshotId(),
                e.actor(), e.message(), iso(e.at()));
    }

    /** A change with its stored data written as it is, never parsed. */
    static ChangeView change(Change c) {
        return new ChangeView(c.deviceId(), c.seq(), c.type(), c.entityId(), c.op(), RawJson.of(c.data() == null ? "null" : c.data()),
                c.at(), Paging.format(c.cursor()));
    }
}
