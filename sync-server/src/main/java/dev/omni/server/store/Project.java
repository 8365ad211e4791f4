package dev.omni.server.store;

import java.time.Instant;

/** A project of one user. */
public record Project(String id, String name, String mainWorkspaceId, String lastSnapshotId,
                      Instant createdAt, Instant updatedAt) {
}
