package dev.omni.wire;

/** One event of a project's activity. */
public record ActivityView(String cursor, String type, String projectId, String workspaceId, String snapshotId,
                           String actor, String message, String at) {
}
