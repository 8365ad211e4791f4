package dev.omni.wire;

import java.util.List;

/** {@code GET /v1/projects/{id}/activity}: one page of events. */
public record ActivityPage(List<ActivityView> events, String nextCursor, boolean hasMore) {
}
