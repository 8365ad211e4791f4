package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Graph;
import dev.omni.cli.support.Style;
import dev.omni.cli.support.Views;
import dev.omni.core.agent.AgentTurns;
import dev.omni.core.agent.Turn;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        Map<SnapshotId, List<Turn>> turns = new AgentTurns(omni()).ofSnapshots(snaps.stream().map(Snapshot::id).toList());
        if (json.json) {
            JsonOption.print(ctx.out(), snaps.stream().map(s -> {
                Map<String, Object> m = Views.snapshot(s);
                if (turns.containsKey(s.id())) {
                    m.put("agent_turns", turns.get(s.id()).stream().map(t -> {
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("agent", t.agent());
                        x.put("session_id", t.sessionId());
                        x.put("turn", t.turn());
                        x.put("checkpoint", s.id().equals(t.before()) ? "before" : "after");
                        return x;
                    }).toList());
                }
                return m;
            }).toList());
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
                    + (s.message() == null ? "" : "  " + s.message())
                    + (turns.containsKey(s.id()) ? "  " + st.yellow(checkpoints(s, turns.get(s.id()))) : "");
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

    /** "[claude 3f2a1b2c turn 3 before, turn 2 after]": the agent turns a snapshot is a checkpoint of. */
    private static String checkpoints(Snapshot s, List<Turn> turns) {
        List<String> parts = new java.util.ArrayList<>();
        for (Turn t : turns) {
            String phase = s.id().equals(t.before()) ? "before" : "after";
            parts.add(t.agent() + " " + Turn.shortSession(t.sessionId()) + " turn " + t.turn() + " " + phase);
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
