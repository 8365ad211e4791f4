package dev.omni.wire;

import java.util.List;

/** {@code GET /v1/changes}: one page of other devices' changes. */
public record ChangePage(List<ChangeView> changes, String nextCursor, boolean hasMore) {
}
