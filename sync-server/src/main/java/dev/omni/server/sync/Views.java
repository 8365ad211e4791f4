package dev.omni.server.sync;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.omni.server.Paging;
import dev.omni.server.store.ActivityEvent;
import dev.omni.server.store.Change;
import dev.omni.server.store.Page;
import dev.omni.server.store.Project;
import dev.omni.server.store.Snapshot;
import dev.omni.server.store.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes the API answers (snake_case on the wire). */
final class Views {
    private Views() {
    }

    /** One page of a listing: the items under {@code field}, {@code next_cursor} and {@code has_more}. */
    static <T> Map<String, Object> page(String field, Page<?> page, List<T> items) {
        return Map.of(field, items, "next_cursor", Paging.format(page.next()), "has_more", page.hasMore());
    }

    /** Server times on the wire: ISO-8601 UTC, e.g. {@code 2026-11-21T10:15:30.123Z}. */
    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    record ProjectView(String id, String name, String mainWorkspaceId, String lastSnapshotId, String createdAt,
                       String updatedAt) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id(), p.name(), p.mainWorkspaceId(), p.lastSnapshotId(), iso(p.createdAt()), iso(p.updatedAt()));
        }
    }

    record WorkspaceView(String id, String projectId, String name, String machineId, String localPath,
                         String baseSnapshotId, String currentSnapshotId, long version, String lastSeenAt,
                         String createdAt, String updatedAt) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.id(), w.projectId(), w.name(), w.machineId(), w.localPath(), w.baseSnapshotId(),
                    w.currentSnapshotId(), w.version(), iso(w.lastSeenAt()), iso(w.createdAt()), iso(w.updatedAt()));
        }
    }

    record SnapshotView(String id, String projectId, String workspaceId, String manifestHash, List<String> parents,
                        String message, String source, String author, String createdAt, long files, long bytes,
                        String receivedAt, String cursor) {
        static SnapshotView of(Snapshot s) {
            return new SnapshotView(s.id(), s.projectId(), s.workspaceId(), s.manifestHash(), s.parents(), s.message(),
                    s.source(), s.author(), s.createdAt(), s.files(), s.bytes(), iso(s.receivedAt()), Paging.format(s.seq()));
        }
    }

    record ActivityView(String cursor, String type, String projectId, String workspaceId, String snapshotId,
                        String actor, String message, String at) {
        static ActivityView of(ActivityEvent e) {
            return new ActivityView(Paging.format(e.seq()), e.type(), e.projectId(), e.workspaceId(), e.snapshotId(),
                    e.actor(), e.message(), iso(e.at()));
        }
    }

    record ChangeView(String deviceId, long seq, String type, String entityId, String op, @JsonRawValue String data,
                      String at, String cursor) {
        static ChangeView of(Change c) {
            return new ChangeView(c.deviceId(), c.seq(), c.type(), c.entityId(), c.op(), c.data() == null ? "null" : c.data(),
                    c.at(), Paging.format(c.cursor()));
        }
    }

    record HeadView(String workspaceId, String snapshotId, long version) {
    }
}
