package dev.omni.core.workspace;

import java.nio.file.Path;

/** What {@code .omni/workspace.json} says: which project and workspace a directory is. */
public record WorkspaceRef(Path root, String projectId, String workspaceId) {
}
