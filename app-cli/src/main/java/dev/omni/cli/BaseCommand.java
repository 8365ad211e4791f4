package dev.omni.cli;

import dev.omni.core.Omni;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What every command has: the run's {@link Context}, set by {@link Main}'s factory, and {@code --help}. */
@Command
public abstract class BaseCommand implements Callable<Integer> {
    protected Context ctx;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    protected CommandSpec spec;

    void setContext(Context ctx) {
        this.ctx = ctx;
    }

    protected Omni omni() {
        return ctx.omni();
    }

    /** What .omni/workspace.json around the current directory says, without opening the store. */
    protected WorkspaceRef workspaceRef() {
        return WorkspaceService.locate(ctx.env().cwd());
    }

    /** The workspace around the current directory; a clear error when there is none. */
    protected Workspace currentWorkspace() {
        return new WorkspaceService(omni()).current(ctx.env().cwd());
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;
}
