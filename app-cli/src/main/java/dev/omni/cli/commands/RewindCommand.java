package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.agent.AgentTurns;
import dev.omni.core.agent.Turn;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni rewind TURN}: the working copy as it was before an agent's turn. */
@Command(name = "rewind", description = {"Put the working copy back to before an agent turn.",
    "Every file, also those changed by shell commands and other programs. A safety snapshot is taken first.",
    "TURN: a turn number of the latest session in this workspace, or SESSION:N."})
public final class RewindCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TURN", description = "N, or SESSION:N (see 'omni turns').")
    String turn;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would change; change nothing.")
    boolean dryRun;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws = currentWorkspace();
        AgentTurns svc = new AgentTurns(omni());
        Turn t = svc.resolve(turn, ws);
        RestoreService.Result r = svc.rewind(t, ws, dryRun, "cli", ctx.warnings(), ctx.progress(json.json));
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session_id", t.sessionId());
            m.put("turn", t.turn());
            m.put("snapshot", r.restored().value());
            m.put("safety_snapshot", r.safetySnapshot() == null ? null : r.safetySnapshot().value());
            m.put("dry_run", r.dryRun());
            m.put("steps", r.steps().stream().map(s -> Map.of("action", s.kind().name().toLowerCase(), "path", s.path())).toList());
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        if (r.dryRun()) {
            for (RestoreService.Step s : r.steps()) {
                ctx.out().println(switch (s.kind()) {
                    case CREATE -> "A";
                    case UPDATE -> "M";
                    case DELETE -> "D";
                } + "  " + s.path());
            }
        }
        ctx.say((r.dryRun() ? "Would rewind" : "Rewound") + " to before turn " + t.turn() + " of " + t.agent() + " session "
                + Turn.shortSession(t.sessionId()) + " (" + r.restored() + "): " + r.count(RestoreService.Step.Kind.CREATE)
                + " created, " + r.count(RestoreService.Step.Kind.UPDATE) + " updated, " + r.count(RestoreService.Step.Kind.DELETE)
                + " deleted" + (r.safetySnapshot() != null ? " (safety snapshot " + r.safetySnapshot() + ")" : ""));
        return ExitCodes.OK;
    }
}
