package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omni projects}: every project in this store. */
@Command(name = "projects", description = "List the projects in this store.")
public final class ProjectsCommand extends BaseCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        WorkspaceService svc = new WorkspaceService(omni());
        List<Project> projects = svc.projects();
        List<Workspace> all = svc.workspaces(null);
        if (json.json) {
            JsonOption.print(ctx.out(), projects.stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>(Views.project(p));
                m.put("workspaces", all.stream().filter(w -> w.projectId().equals(p.id())).count());
                return m;
            }).toList());
            return ExitCodes.OK;
        }
        if (projects.isEmpty()) {
            ctx.say("No projects yet; run 'omni init' in a directory to start one.");
        }
        var st = ctx.style();
        for (Project p : projects) {
            long n = all.stream().filter(w -> w.projectId().equals(p.id())).count();
            ctx.out().println(st.bold(p.name()) + "  " + st.dim(p.id()) + "  " + n + (n == 1 ? " workspace" : " workspaces")
                    + "  updated " + Times.ago(p.updatedAt(), omni().now()));
        }
        return ExitCodes.OK;
    }
}
