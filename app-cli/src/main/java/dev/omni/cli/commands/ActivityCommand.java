package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.WorkspaceService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni activity}: the local activity log, newest first. */
@Command(name = "activity", description = {"Show the local activity log.",
    "Events such as project.created, snapshot.created, restore.completed, drift.reported, merge.completed."})
public final class ActivityCommand extends BaseCommand {
    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "50", description = "Show at most N events (default 50).")
    int limit;

    @Option(names = "--project", paramLabel = "ID", description = "Only this project's events.")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        String pid = project == null ? null : new WorkspaceService(omni()).project(project).id();
        List<ActivityEvent> events = new ActivityService(omni()).list(pid, limit);
        if (json.json) {
            JsonOption.print(ctx.out(), events.stream().map(Views::activity).toList());
            return ExitCodes.OK;
        }
        var st = ctx.style();
        for (ActivityEvent e : events) {
            ctx.out().println(st.dim(Times.format(e.createdAt()).substring(0, 19).replace('T', ' ')) + "  "
                    + st.cyan(String.format("%-20s", e.type())) + " " + (e.message() == null ? "" : e.message()));
        }
        if (events.isEmpty()) {
            ctx.say("No activity yet.");
        }
        return ExitCodes.OK;
    }
}
