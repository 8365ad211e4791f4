package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni init}: make a directory a workspace and take its first snapshot. */
@Command(name = "init", description = {"Make a directory a workspace of a new or an existing project.",
    "Writes .omni/workspace.json and takes the first snapshot."})
public final class InitCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The directory (default: the current one).")
    Path path;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the new project (with --project: of the workspace).")
    String name;

    @Option(names = "--project", paramLabel = "ID", description = "Join this existing project (id, id prefix or name).")
    String project;

    @Option(names = "--no-snapshot", description = "Do not take the first snapshot.")
    boolean noSnapshot;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", defaultValue = "initial snapshot", description = "Message of the first snapshot.")
    String message;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Path dir = path == null ? ctx.env().cwd() : ctx.env().cwd().resolve(path);
        WorkspaceLifecycle.Initialized init = new WorkspaceLifecycle(omni()).init(dir, name, project, "cli",
                noSnapshot ? null : new SnapshotService.Options(message, "cli", true, null), ctx.warnings(), ctx.progress(json.json));
        var snapshot = init.snapshot();
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project", Views.project(init.project()));
            m.put("workspace", Views.workspace(init.workspace()));
            m.put("new_project", init.newProject());
            m.put("snapshot", snapshot == null ? null : Views.snapshot(snapshot));
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        ctx.say((init.newProject() ? "Created project '" : "Joined project '") + init.project().name() + "' ("
                + init.project().id() + "), workspace '" + init.workspace().name() + "' at " + init.workspace().localPath());
        if (snapshot != null) {
            ctx.say("Snapshot " + snapshot.id() + ": " + Plural.of(snapshot.files(), "file") + ", " + Bytes.human(snapshot.bytes()));
        }
        return ExitCodes.OK;
    }
}
