package dev.omni.mcp;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the server serves: the project (and workspace) of the directory it was started in, or the
 * project named with {@code --project}; neither: global memory only.
 */
record Scope(Project project, WorkspaceRef workspace) {
    static Scope of(Omni omni, Path dir, String projectKey) {
        WorkspaceService ws = new WorkspaceService(omni);
        Optional<WorkspaceRef> ref = WorkspaceFile.find(dir);
        if (projectKey != null) {
            Project p = ws.project(projectKey);
            return new Scope(p, ref.filter(r -> r.projectId().equals(p.id())).orElse(null));
        }
        if (ref.isPresent()) {
            Workspace w = ws.find(ref.get().workspaceId()).orElse(null);
            if (w != null) {
                return new Scope(ws.projectOf(w), ref.get());
            }
        }
        return new Scope(null, null);
    }

    String projectId() {
        return project == null ? null : project.id();
    }

    WorkspaceRef requireWorkspace() {
        if (workspace == null) {
            throw OmniException.notFound("the omni MCP server was not started in a workspace, so it has no working copy to look at");
        }
        return workspace;
    }
}
