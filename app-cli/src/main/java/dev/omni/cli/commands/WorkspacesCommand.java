package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni workspaces}: every workspace in this store (or of one project). */
@Command(name = "workspaces", description = "List the workspaces in this store.")
public final class WorkspacesCommand extends BaseCommand {
    @Option(names = "--project", paramLabel = "ID", description = "Only this project's (id, prefix or name).")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        String pid = project == null ? null : new WorkspaceService(omni()).project(project).id();
        return print(ctx, omni(), pid, json.json, null);
    }

    /** Lists workspaces ({@code pid} null: all); {@code here} is marked with a star. */
    static int print(dev.omni.cli.Context ctx, dev.omni.core.Omni omni, String pid, boolean asJson, String here) {
        WorkspaceService svc = new WorkspaceService(omni);
        List<Workspace> list = svc.workspaces(pid);
        Map<String, Project> projects = new HashMap<>();
        for (Project p : svc.projects()) {
            projects.put(p.id(), p);
        }
        if (asJson) {
            JsonOption.print(ctx.out(), list.stream().map(w -> {
                Map<String, Object> m = new LinkedHashMap<>(Views.workspace(w));
                Project p = projects.get(w.projectId());
                m.put("project_name", p == null ? null : p.name());
                m.put("main", p != null && w.id().equals(p.mainWorkspaceId()));
                return m;
            }).toList());
            return ExitCodes.OK;
        }
        if (list.isEmpty()) {
            ctx.say("No workspaces yet; run 'omni init' in a directory to start one.");
        }
        var st = ctx.style();
        for (Workspace w : list) {
            Project p = projects.get(w.projectId());
            boolean main = p != null && w.id().equals(p.mainWorkspaceId());
            ctx.out().println((w.id().equals(here) ? "* " : here == null ? "" : "  ") + (p == null ? "?" : p.name()) + "/"
                    + st.bold(w.name()) + (main ? st.green(" (main)") : "")
                    + "  " + st.dim(w.id()) + "  " + (w.localPath() == null ? "(elsewhere)" : w.localPath())
                    + "  " + (w.currentSnapshot() == null ? "no snapshot" : w.currentSnapshot().value())
                    + (w.lastSeenAt() == null ? "" : "  seen " + Times.ago(w.lastSeenAt(), omni.now())));
        }
        return ExitCodes.OK;
    }
}
