package dev.omni.wire;

import java.util.List;

/** A snapshot record as the server answers it: what the client sent, when it arrived, and its cursor. */
public record SnapshotView(String id, String projectId, String workspaceId, String manifestHash, List<String> parents,
                           String message, String source, String author, String createdAt, long files, long bytes,
                           String receivedAt, String cursor) {
}
