package dev.omni.wire;

import java.util.List;

/** {@code GET /v1/projects/{id}/snapshots}: one page, in the order the server received them. */
public record SnapshotPage(List<SnapshotView> snapshots, String nextCursor, boolean hasMore) {
}
