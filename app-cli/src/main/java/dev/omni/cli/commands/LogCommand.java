package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Graph;
import dev.omni.cli.support.Style;
import dev.omni.cli.support.Views;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni log}: a workspace's snapshots (or the project's, with --all), newest first. */
@Command(name = "log", description = {"List this workspace's snapshots, newest first.",
    "With --all, every snapshot of the project."})
public final class LogCommand extends BaseCommand {
    @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "1000000", description = "Show at most N snapshots.")
    int limit;

    @Option(names = "--graph", description = "Draw the snapshot DAG.")
    boolean graph;

    @Option(names = "--all", description = "All workspaces of the project.")
    boolean all;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws = currentWorkspace();
        SnapshotService svc = new SnapshotService(omni());
        List<Snapshot> snaps = all ? svc.projectLog(ws.projectId(), limit) : svc.log(ws, limit);
        if (json.json) {
            JsonOption.print(ctx.out(), snaps.stream().map(Views::snapshot).toList());
            return ExitCodes.OK;
        }
        Map<String, String> names = new HashMap<>();
        for (Workspace w : new WorkspaceService(omni()).workspaces(ws.projectId())) {
            names.put(w.id(), w.name());
        }
        Style st = ctx.style();
        Graph<Snapshot> g = new Graph<>(Snapshot::id, Snapshot::parents);
        for (Snapshot s : snaps) {
            String text = st.cyan(s.id().value()) + " " + Times.format(s.createdAt()).substring(0, 19).replace('T', ' ')
                    + "  " + st.dim(s.source()) + (all ? " " + st.yellow(names.getOrDefault(s.workspaceId(), "?")) : "")
                    + "  " + Plural.of(s.files(), "file") + ", " + Bytes.human(s.bytes())
                    + (s.parents().size() > 1 ? "  " + st.bold("merge") : "")
                    + (s.message() == null ? "" : "  " + s.message());
            if (graph) {
                g.render(s, text).forEach(ctx.out()::println);
            } else {
                ctx.out().println(text);
            }
        }
        if (snaps.isEmpty()) {
            ctx.say("No snapshots yet.");
        }
        return ExitCodes.OK;
    }
}
