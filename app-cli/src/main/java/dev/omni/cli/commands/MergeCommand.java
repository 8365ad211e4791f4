package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.OmniException;
import dev.omni.core.merge.MergeService;
import dev.omni.core.merge.TreeMerge;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni merge}: bring another workspace's changes into this one. */
@Command(name = "merge", description = {"Merge another workspace into this one.",
    "The current state is snapshotted first; the other side's changes are applied, text changed on both sides is merged line by line, and",
    "overlapping changes get conflict markers (--manual, the default) or take --ours / --theirs.",
    "After resolving conflicts: omni merge --continue. To give up: omni merge --abort.",
    "Exits 7 when the merge stopped with conflicts."})
public final class MergeCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "WORKSPACE", description = "The workspace to merge from.")
    String other;

    @Option(names = {"-n", "--dry-run"}, description = "Show what the merge would do; change nothing.")
    boolean dryRun;

    @ArgGroup(exclusive = true)
    StrategyGroup strategy = new StrategyGroup();

    static final class StrategyGroup {
        @Option(names = "--ours", description = "Overlapping changes keep this side's version.")
        boolean ours;

        @Option(names = "--theirs", description = "Overlapping changes take the other side's version.")
        boolean theirs;

        @Option(names = "--manual", description = "Write conflict markers for overlapping changes (the default).")
        boolean manual;

        TreeMerge.Strategy value() {
            return ours ? TreeMerge.Strategy.OURS : theirs ? TreeMerge.Strategy.THEIRS : TreeMerge.Strategy.MANUAL;
        }
    }

    @ArgGroup(exclusive = true)
    Finish finish = new Finish();

    static final class Finish {
        @Option(names = "--continue", description = "Record the merge after resolving its conflicts.")
        boolean resume;

        @Option(names = "--abort", description = "Give up the merge: the working copy returns to its state before it.")
        boolean abort;
    }

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws = currentWorkspace();
        MergeService svc = new MergeService(omni());
        MergeService.Outcome o;
        if (finish.resume) {
            o = svc.continueMerge(ws, "cli", ctx.warnings(), ctx.progress(json.json));
        } else if (finish.abort) {
            o = svc.abort(ws, "cli", ctx.warnings(), ctx.progress(json.json));
        } else {
            if (other == null) {
                throw OmniException.invalid("name the workspace to merge from (see 'omni workspace list')");
            }
            Workspace theirs = new WorkspaceService(omni()).require(ws.projectId(), other);
            o = svc.merge(ws, theirs, strategy.value(), dryRun, "cli", ctx.warnings(), ctx.progress(json.json));
        }
        if (json.json) {
            JsonOption.print(ctx.out(), view(o));
        } else {
            print(o);
        }
        return o.kind() == MergeService.Kind.CONFLICTS ? ExitCodes.CONFLICT : ExitCodes.OK;
    }

    private static Map<String, Object> view(MergeService.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", o.kind().name().toLowerCase());
        m.put("snapshot", o.snapshot() == null ? null : o.snapshot().value());
        m.put("safety_snapshot", o.safety() == null ? null : o.safety().value());
        m.put("merge_base", o.base() == null ? null : o.base().value());
        m.put("their_snapshot", o.theirs() == null ? null : o.theirs().value());
        if (o.result() != null) {
            m.put("conflicts", o.result().conflicts().stream().map(c -> Map.of("path", c.path(), "kind",
                    c.kind().name().toLowerCase(), "detail", c.detail())).toList());
            m.put("changes", o.result().changes().entrySet().stream().map(e -> Map.of("path", e.getKey(), "outcome",
                    e.getValue().name().toLowerCase())).toList());
        }
        m.put("moved_aside", o.movedAside());
        return m;
    }

    private void print(MergeService.Outcome o) {
        var st = ctx.style();
        if (o.safety() != null && o.kind() != MergeService.Kind.ABORTED) {
            ctx.say(st.dim("Safety snapshot " + o.safety().value()));
        }
        switch (o.kind()) {
            case UP_TO_DATE -> ctx.say("Already up to date: " + (o.theirs() == null ? "" : o.theirs().value() + " is merged."));
            case FAST_FORWARD -> ctx.say("Fast-forward to " + o.snapshot().value() + ".");
            case MERGED -> ctx.say("Merged: snapshot " + o.snapshot().value() + (o.result() == null ? "" : " ("
                    + Plural.of(o.result().changes().size(), "path") + ")") + ".");
            case ABORTED -> ctx.say("Merge aborted; the working copy is back at " + o.snapshot().value()
                    + " (its state at the abort is kept in " + o.safety().value() + ").");
            case DRY_RUN -> {
                o.result().changes().forEach((path, outcome) -> ctx.out().println(letter(outcome) + "  " + path));
                ctx.say("Would merge " + Plural.of(o.result().changes().size(), "path") + " with "
                        + Plural.of(o.result().conflicts().size(), "conflict") + " (merge base " + (o.base() == null ? "none" : o.base().value()) + ").");
            }
            case CONFLICTS -> {
                for (TreeMerge.Conflict c : o.result().conflicts()) {
                    ctx.out().println(st.red("CONFLICT") + " (" + c.kind().name().toLowerCase().replace('_', '/') + ") " + c.path()
                            + ": " + c.detail());
                }
                ctx.say("Resolve the conflicts, then run 'omni merge --continue' (or 'omni merge --abort').");
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String letter(TreeMerge.Outcome o) {
        return switch (o) {
            case ONLY_OURS -> "ours   ";
            case ONLY_THEIRS -> "theirs ";
            case BOTH_SAME -> "same   ";
            case BOTH_MERGED -> "merged ";
            case BOTH_CONFLICT -> "CONFLICT";
        };
    }
}
