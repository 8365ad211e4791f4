package dev.omni.wire;

/** {@code POST /v1/workspaces/{id}/head}: move the head if the workspace is still at {@code expectedVersion}. */
public record HeadRequest(String snapshotId, Long expectedVersion) {
}
