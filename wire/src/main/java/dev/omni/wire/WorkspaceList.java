package dev.omni.wire;

import java.util.List;

/** {@code GET /v1/projects/{id}/workspaces}. */
public record WorkspaceList(List<WorkspaceView> workspaces) {
}
