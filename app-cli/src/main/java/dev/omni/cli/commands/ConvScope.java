package dev.omni.cli.commands;

import dev.omni.cli.Context;
import dev.omni.core.OmniException;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceService;

/** Which conversations a command looks at: a workspace, a project, everything; by default the current project's, else all. */
final class ConvScope {
    private ConvScope() {
    }

    static ConversationFilter filter(Context ctx, String workspace, String project, boolean all, int limit) {
        if ((workspace != null ? 1 : 0) + (project != null ? 1 : 0) + (all ? 1 : 0) > 1) {
            throw OmniException.invalid("use only one of --workspace, --project and --all");
        }
        ConversationFilter f = ConversationFilter.all(limit);
        if (workspace != null) {
            return f.withWorkspace(new ConversationService(ctx.omni()).workspace(workspace).id());
        }
        if (project != null) {
            return f.withProject(new WorkspaceService(ctx.omni()).project(project).id());
        }
        if (all) {
            return f;
        }
        return WorkspaceFile.find(ctx.env().cwd())
                .map(ref -> f.withProject(new SnapshotService(ctx.omni()).workspace(ref).projectId()))
                .orElse(f);
    }
}
