package dev.omni.core.workspace;

import java.time.Instant;

/** A project: the things one piece of software is made of, across its workspaces. */
public record Project(String id, String name, String mainWorkspaceId, Instant createdAt, Instant updatedAt) {
}
