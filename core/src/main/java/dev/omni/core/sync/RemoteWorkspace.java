package dev.omni.core.sync;

import java.time.Instant;

/** A workspace as the server knows it: its name and machine, and its head there with the head's version. */
public record RemoteWorkspace(String id, String projectId, String name, String machineId, Instant lastSeenAt, Instant createdAt,
                              String currentSnapshotId, String baseSnapshotId, long version) {
}
