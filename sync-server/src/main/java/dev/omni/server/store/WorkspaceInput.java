package dev.omni.server.store;

/** What a client may set on a workspace. */
public record WorkspaceInput(String id, String projectId, String name, String machineId, String localPath,
                             String baseSnapshotId) {
}
