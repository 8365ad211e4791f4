package dev.omni.wire;

/** {@code PUT /v1/workspaces/{id}}: register or update a workspace; all but the project and name may be null. */
public record WorkspaceRequest(String projectId, String name, String machineId, String localPath, String baseSnapshotId) {
}
