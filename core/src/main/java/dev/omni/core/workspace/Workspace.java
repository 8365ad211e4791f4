package dev.omni.core.workspace;

import dev.omni.core.model.SnapshotId;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A working copy of a project, on this machine or another. {@code version} counts changes of the
 * head for optimistic locking during sync; {@code mergeHistory} is JSON:
 * {@code {workspaceId: {last_merged_snapshot, merged_at}}}.
 */
public record Workspace(String id, String projectId, String name, String machineId, Path localPath,
                        SnapshotId baseSnapshot, SnapshotId currentSnapshot, Instant lastSeenAt, Instant createdAt,
                        long version, String mergeHistory) {
}
