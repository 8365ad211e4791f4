package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.sync.CloneService;
import dev.omni.sync.auth.AuthService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni clone PROJECT [DIR]}. */
@Command(name = "clone", description = {"Make a workspace on this machine from a project on the server.",
    "It starts from the server's latest snapshot of the project's main workspace."})
public final class CloneCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project's id, id prefix or name on the server.")
    String project;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "Where (default: ./<project name>).")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The new workspace's name (default: this machine's name).")
    String name;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        var client = new AuthService(omni()).client();
        CloneService svc = new CloneService(omni(), client, ctx.progress(json.json));
        Path target = dir;
        CloneService.Cloned c = svc.clone(project, target == null ? null : ctx.env().cwd().resolve(target), name, "cli", ctx.env().cwd());
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project", Views.project(c.project()));
            m.put("workspace", Views.workspace(c.workspace()));
            m.put("from_snapshot", c.from().id().value());
            m.putAll(PullCommand.view(c.pulled()));
            JsonOption.print(ctx.out(), m);
        } else {
            ctx.say("Cloned '" + c.project().name() + "' into " + c.workspace().localPath() + " (workspace '" + c.workspace().name()
                    + "', from " + c.from().id() + ")");
        }
        return ExitCodes.OK;
    }
}
