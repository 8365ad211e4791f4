package dev.omni.core.activity;

import java.time.Instant;

/** One entry of the local activity log (project.created, snapshot.created, restore.completed, …). */
public record ActivityEvent(String id, String projectId, String workspaceId, String type, String actor, String snapshotId,
                            String message, String data, Instant createdAt) {
}
