package dev.omni.cli;

import dev.omni.core.OmniException;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which project a memory or conversation command works on: {@code --project}, else the project of
 * the workspace around the current directory; {@code --global} for items of every project,
 * {@code --all} for everything.
 */
public final class ScopeOptions {
    @Option(names = "--project", paramLabel = "P", description = "The project (id, id prefix or name); default: the current workspace's.")
    public String project;

    @Option(names = "--global", description = "Global items (they apply to every project) instead of a project's.")
    public boolean global;

    @Option(names = "--all", description = "Every project's, and the global ones.")
    public boolean all;

    /** The project named by --project or the current directory; null when there is none. */
    public String projectId(Context ctx) {
        if (project != null) {
            return new WorkspaceService(ctx.omni()).project(project).id();
        }
        return currentProjectId(ctx);
    }

    /** The project of the workspace around the current directory, checked against the store; null outside one. */
    public static String currentProjectId(Context ctx) {
        Optional<WorkspaceRef> ref = WorkspaceFile.find(ctx.env().cwd());
        if (ref.isEmpty()) {
            return null;
        }
        return new SnapshotService(ctx.omni()).workspace(ref.get()).projectId();
    }

    /** Where a new item goes: null for --global; the project; an error when there is none. */
    public String target(Context ctx) {
        check();
        if (all) {
            throw OmniException.invalid("--all does not name one place; use --global or --project");
        }
        if (global) {
            return null;
        }
        String p = projectId(ctx);
        if (p == null) {
            throw OmniException.notFound("not inside an omni workspace, so which project? Use --project P, or --global for every project");
        }
        return p;
    }

    /** What to list or search: --all everything, --global the global items, else what applies in the project. */
    public MemoryFilter filter(Context ctx) {
        check();
        if (all) {
            return MemoryFilter.all();
        }
        if (global) {
            return new MemoryFilter(MemoryFilter.Scope.GLOBAL, null, null, null, null, null, false, Integer.MAX_VALUE);
        }
        return MemoryFilter.applyingTo(projectId(ctx));
    }

    private void check() {
        if ((global ? 1 : 0) + (all ? 1 : 0) + (project != null ? 1 : 0) > 1) {
            throw OmniException.invalid("use only one of --project, --global and --all");
        }
    }
}
