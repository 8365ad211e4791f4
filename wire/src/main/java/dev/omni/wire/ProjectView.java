package dev.omni.wire;

/** A project as the server answers it; times are ISO-8601 UTC. */
public record ProjectView(String id, String name, String mainWorkspaceId, String lastSnapshotId, String createdAt,
                          String updatedAt) {
}
