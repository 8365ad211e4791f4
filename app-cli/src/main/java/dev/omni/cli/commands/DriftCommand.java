package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Style;
import dev.omni.core.merge.DriftService;
import dev.omni.core.util.Bytes;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni drift}: how this workspace and another have diverged since their merge base. */
@Command(name = "drift", description = {"Show how this workspace and another diverged.",
    "Compares it with another workspace (default: the project's main) since their merge base: files changed only here, only there, on both alike, and on both differently (and whether",
    "those overlap). Uncommitted changes count unless --no-dirty. Exits 1 when there is drift."})
public final class DriftCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "WORKSPACE", description = "The other workspace (default: main).")
    String other;

    @Option(names = "--no-dirty", description = "Compare the current snapshot, not the working copy.")
    boolean noDirty;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ours = currentWorkspace();
        WorkspaceService wss = new WorkspaceService(omni());
        Workspace theirs = other == null ? wss.main(wss.projectOf(ours)) : wss.require(ours.projectId(), other);
        DriftService.Report r = new DriftService(omni()).drift(ours, theirs, !noDirty, "cli", ctx.warnings(), ctx.progress(json.json));
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("workspace", ours.name());
            m.put("other_workspace", theirs.name());
            m.put("workspace_snapshot", r.oursSnapshot() == null ? null : r.oursSnapshot().value());
            m.put("other_snapshot", r.theirsSnapshot().value());
            m.put("merge_base", r.base() == null ? null : r.base().value());
            m.put("dirty", r.dirty());
            m.put("drifted", r.drifted());
            m.put("workspace_only", r.oursOnly());
            m.put("other_only", r.theirsOnly());
            m.put("both_same", r.bothSame());
            m.put("both_different", r.bothDifferent());
            m.put("conflicts", r.conflicts());
            m.put("files_added", r.added());
            m.put("files_modified", r.modified());
            m.put("files_deleted", r.deleted());
            m.put("bytes_changed", r.bytesChanged());
            JsonOption.print(ctx.out(), m);
        } else {
            print(r);
        }
        return r.drifted() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private void print(DriftService.Report r) {
        Style st = ctx.style();
        ctx.out().println("Drift of " + st.bold(r.ours().name()) + (r.dirty() ? " (with uncommitted changes)" : "") + " from "
                + st.bold(r.theirs().name()) + ", merge base " + (r.base() == null ? "none (unrelated histories)" : r.base().value()));
        if (!r.drifted()) {
            ctx.out().println("No drift: both hold the same files.");
            return;
        }
        section("only here", r.oursOnly(), st::green);
        section("only in '" + r.theirs().name() + "'", r.theirsOnly(), st::cyan);
        section("changed on both, the same way", r.bothSame(), s -> s);
        List<String> clean = r.bothDifferent().stream().filter(p -> !r.conflicts().contains(p)).toList();
        section("changed on both, merge cleanly", clean, st::yellow);
        section("changed on both, conflicting", r.conflicts(), st::red);
        ctx.out().println(st.dim(r.added() + " added, " + r.modified() + " modified, " + r.deleted() + " deleted, "
                + Bytes.human(r.bytesChanged()) + " changed"));
    }

    private void section(String title, List<String> paths, java.util.function.UnaryOperator<String> color) {
        if (paths.isEmpty()) {
            return;
        }
        ctx.out().println(title + " (" + paths.size() + "):");
        for (String p : paths) {
            ctx.out().println("  " + color.apply(p));
        }
    }
}
