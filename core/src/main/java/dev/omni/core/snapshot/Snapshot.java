package dev.omni.core.snapshot;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import java.time.Instant;
import java.util.List;

/** An immutable record of a working copy at one moment: its root tree and where it came from. */
public record Snapshot(SnapshotId id, String projectId, String workspaceId, ObjectId manifestHash,
                       List<SnapshotId> parents, String source, String message, String author, Instant createdAt,
                       long files, long bytes, String gitBranch, String gitCommit) {
    public Snapshot {
        parents = List.copyOf(parents);
    }
}
