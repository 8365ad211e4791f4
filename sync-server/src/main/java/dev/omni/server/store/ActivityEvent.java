package dev.omni.server.store;

import java.time.Instant;

/** Something that happened to a project, recorded by the server as it happened. */
public record ActivityEvent(long seq, String projectId, String workspaceId, String snapshotId, String type,
                            String actor, String message, Instant at) {
}
