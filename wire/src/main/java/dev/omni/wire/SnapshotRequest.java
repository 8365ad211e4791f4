package dev.omni.wire;

import java.util.List;

/**
 * {@code PUT /v1/snapshots/{id}}: record a snapshot. {@code createdAt} is ISO-8601 with an offset;
 * {@code files} and {@code bytes} are required (boxed so that a missing one is told apart from 0).
 */
public record SnapshotRequest(String projectId, String workspaceId, String manifestHash, List<String> parents,
                              String message, String source, String author, String createdAt, Long files, Long bytes) {
}
