package dev.omni.cli.commands;

import dev.omni.cli.Context;
import dev.omni.core.agent.AgentSettings;
import dev.omni.core.home.OmniHome;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code omni hooks} and {@code omni mcp} share: how an agent starts omni, and where a project is. */
final class AgentCommands {
    private AgentCommands() {
    }

    /**
     * The command an agent runs: the launcher ({@code $OMNI_LAUNCHER}, else {@code omni} on the
     * PATH) and, when this omni home is not the default one, {@code --home} with its path, so that
     * the agent reaches the same store whatever its environment.
     */
    static List<String> launcher(Context ctx) {
        List<String> cmd = new ArrayList<>();
        String l = ctx.env().get("OMNI_LAUNCHER");
        cmd.add(l != null ? l : "omni");
        Path home = ctx.omni().home().root();
        Path dflt = OmniHome.resolve(ctx.env().withVar("OMNI_HOME", null), null).root();
        if (!home.equals(dflt)) {
            cmd.add("--home");
            cmd.add(home.toString());
        }
        return cmd;
    }

    static AgentSettings settings(Context ctx) {
        return new AgentSettings(ctx.env(), launcher(ctx));
    }

    /** The project's root: the workspace around the current directory, else the directory itself. */
    static Path projectRoot(Context ctx) {
        return WorkspaceFile.find(ctx.env().cwd()).map(WorkspaceRef::root).orElse(ctx.env().cwd());
    }

    static AgentSettings.Scope scope(Context ctx, boolean global) {
        return global ? AgentSettings.Scope.user() : AgentSettings.Scope.project(projectRoot(ctx));
    }

    static void report(Context ctx, AgentSettings.Change c) {
        ctx.say((c.changed() ? "updated " : "unchanged ") + c.file() + ": " + c.what());
    }
}
