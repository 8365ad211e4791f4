package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Style;
import dev.omni.core.agent.AgentTurns;
import dev.omni.core.agent.Turn;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code omni turns [SESSION]}: an agent session's turns, each with the files it changed. */
@Command(name = "turns", description = {"List an agent session's turns and what each changed.",
    "Default: the latest session in this workspace. The agents' hooks record them: see 'omni hooks install'."})
public final class TurnsCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION", description = "A session id or a unique prefix of it.")
    String session;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws = session == null ? currentWorkspace() : null;
        AgentTurns svc = new AgentTurns(omni());
        String id = svc.session(session, ws);
        List<AgentTurns.TurnChanges> turns = svc.turns(id);
        if (json.json) {
            JsonOption.print(ctx.out(), turns.stream().map(TurnsCommand::view).toList());
            return ExitCodes.OK;
        }
        Style st = ctx.style();
        if (!turns.isEmpty()) {
            ctx.out().println(st.bold(turns.get(0).turn().agent() + " session " + id));
        }
        for (AgentTurns.TurnChanges tc : turns) {
            Turn t = tc.turn();
            ctx.out().println(st.cyan("turn " + t.turn()) + "  " + Times.format(t.startedAt()).substring(0, 19).replace('T', ' ')
                    + "  " + (t.after() == null ? st.yellow("running") : tc.files().size() + " file" + (tc.files().size() == 1 ? "" : "s")
                    + " +" + tc.added() + " -" + tc.removed()) + "  " + st.dim(snap(t.before()) + " -> " + snap(t.after())));
            if (t.prompt() != null) {
                ctx.out().println("  " + oneLine(t.prompt(), 100));
            }
            printFiles(ctx.out(), st, tc.files(), "    ");
        }
        return ExitCodes.OK;
    }

    static void printFiles(java.io.PrintWriter out, Style st, List<AgentTurns.FileChange> files, String indent) {
        for (AgentTurns.FileChange f : files) {
            String letter = switch (f.kind()) {
                case "A" -> st.green("A");
                case "D" -> st.red("D");
                default -> st.yellow(f.kind());
            };
            out.println(indent + letter + " " + f.path() + "  " + (f.binary() ? "binary" : "+" + f.added() + " -" + f.removed()));
        }
    }

    static String snap(dev.omni.core.model.SnapshotId s) {
        return s == null ? "…" : s.value();
    }

    static String oneLine(String s, int max) {
        String t = s.replace('\n', ' ').strip();
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }

    static Map<String, Object> view(AgentTurns.TurnChanges tc) {
        Turn t = tc.turn();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_id", t.sessionId());
        m.put("agent", t.agent());
        m.put("turn", t.turn());
        m.put("before", t.before() == null ? null : t.before().value());
        m.put("after", t.after() == null ? null : t.after().value());
        m.put("prompt", t.prompt());
        m.put("started_at", Times.format(t.startedAt()));
        m.put("ended_at", t.endedAt() == null ? null : Times.format(t.endedAt()));
        m.put("workspace_id", t.workspaceId());
        m.put("conversation_id", t.conversationId());
        m.put("message_id", t.messageId());
        m.put("files", tc.files().stream().map(f -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("path", f.path());
            x.put("status", f.kind());
            x.put("added_lines", f.added());
            x.put("removed_lines", f.removed());
            x.put("binary", f.binary());
            return x;
        }).toList());
        return m;
    }
}
