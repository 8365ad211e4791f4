package dev.omni.wire;

/** A workspace as the server answers it; {@code version} moves with every head move. */
public record WorkspaceView(String id, String projectId, String name, String machineId, String localPath,
                            String baseSnapshotId, String currentSnapshotId, long version, String lastSeenAt,
                            String createdAt, String updatedAt) {
}
