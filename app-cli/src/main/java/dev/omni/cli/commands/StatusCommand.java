package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.diff.Change;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni status}: what changed in the working copy since the current snapshot. */
@Command(name = "status", description = {"Show what changed since the current snapshot (A/M/D).",
    "The workspace, its current snapshot, and the files added (A), modified (M) and deleted (D) since it.",
    "Works from any subdirectory."})
public final class StatusCommand extends BaseCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--exit-code", description = "Exit with 1 when there are changes.")
    boolean exitCode;

    /** The command as {@code omni status [--json] [--exit-code]} would parse it. */
    public static StatusCommand of(boolean json, boolean exitCode) {
        StatusCommand c = new StatusCommand();
        c.json = new JsonOption();
        c.json.json = json;
        c.exitCode = exitCode;
        return c;
    }

    @Override
    protected int run() {
        WorkspaceRef ref = workspaceRef();
        omni().openInBackground();
        SnapshotService svc = new SnapshotService(omni());
        SnapshotService.Status st = svc.status(ref, ctx.warnings(), ctx.progress(json.json));
        Workspace ws = svc.workspace(ref);
        Project p = new WorkspaceService(omni()).projectOf(ws);
        var merging = new dev.omni.core.merge.MergeService(omni()).state(ws);
        long added = st.changes().stream().filter(c -> c.kind() == Change.Kind.ADDED).count();
        long modified = st.changes().stream().filter(c -> c.kind() == Change.Kind.MODIFIED).count();
        long deleted = st.changes().stream().filter(c -> c.kind() == Change.Kind.DELETED).count();
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project", Views.project(p));
            m.put("workspace", Views.workspace(ws));
            m.put("current_snapshot", st.current() == null ? null : Views.snapshot(st.current()));
            m.put("clean", st.clean());
            m.put("added", added);
            m.put("modified", modified);
            m.put("deleted", deleted);
            m.put("changes", Views.changes(st.changes()));
            m.put("merge_in_progress", merging.map(s -> Map.of("their_workspace", s.theirWorkspaceId(), "their_snapshot",
                    s.theirSnapshot().value(), "phase", s.phase(), "conflicts", s.conflicts().stream().map(c -> c.path()).toList()))
                    .orElse(null));
            JsonOption.print(ctx.out(), m);
        } else {
            var s = ctx.style();
            ctx.say("Project " + s.bold(p.name()) + " (" + p.id() + "), workspace " + s.bold(ws.name()) + " at " + ws.localPath());
            if (st.current() == null) {
                ctx.say("No snapshot yet.");
            } else {
                ctx.say("Current snapshot " + s.cyan(st.current().id().value()) + " ("
                        + Times.ago(st.current().createdAt(), omni().now()) + ")");
            }
            merging.ifPresent(m -> {
                String from = new WorkspaceService(omni()).find(m.theirWorkspaceId()).map(Workspace::name).orElse(m.theirWorkspaceId());
                ctx.say(s.yellow("Merging '" + from + "' (" + Plural.of(m.conflicts().size(), "conflict")
                        + (m.phase().equals("applying") ? ", interrupted" : "") + "): finish with 'omni merge --continue' or "
                        + "'omni merge --abort'"));
                m.conflicts().forEach(c -> ctx.say("  conflict: " + c.path()));
            });
            if (st.clean()) {
                ctx.say("Nothing changed.");
            } else {
                for (Change c : st.changes()) {
                    ctx.out().println(Views.changeLine(c, s));
                }
                ctx.say(s.dim(added + " added, " + modified + " modified, " + deleted + " deleted"));
            }
        }
        return exitCode && !st.clean() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
