package dev.omni.server.store;

import java.time.Instant;

/**
 * A working copy of a project. {@code version} counts head moves (0 = no head yet) and is the
 * optimistic lock of {@code POST /workspaces/{id}/head}.
 */
public record Workspace(String id, String projectId, String name, String machineId, String localPath,
                        String baseSnapshotId, String currentSnapshotId, long version,
                        Instant lastSeenAt, Instant createdAt, Instant updatedAt) {
}
