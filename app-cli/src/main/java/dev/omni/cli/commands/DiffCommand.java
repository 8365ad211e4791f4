package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.PathArgs;
import dev.omni.cli.support.Style;
import dev.omni.cli.support.Views;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.DiffService;
import dev.omni.core.diff.FileDiff;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni diff}: line diffs between snapshots, or a snapshot and the working copy. */
@Command(name = "diff", description = {"Show what changed, as a unified diff.",
    "Between two snapshots, or between a snapshot (default: the current one) and the working copy",
    "(JGit's histogram algorithm).",
    "Examples: omni diff   |   omni diff @~1   |   omni diff SNAP1 SNAP2 -- src/   |   omni diff --turn 3"})
public final class DiffCommand extends BaseCommand {
    @Parameters(paramLabel = "SNAP", arity = "0..*", description = {"Zero, one or two snapshots (id, prefix, @, @~N);",
        "after --, paths to limit the diff to."})
    List<String> args = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--stat", description = "Show changed files with lines added and removed.")
        boolean stat;

        @Option(names = "--name-status", description = "Show only the changed paths with A/M/D.")
        boolean nameStatus;
    }

    @Option(names = "--turn", paramLabel = "TURN", description = {"What an agent's turn changed: N (the latest session)",
        "or SESSION:N (see 'omni turns')."})
    String turn;

    @Option(names = "--exit-code", description = "Exit with 1 when there are differences.")
    boolean exitCode;

    @Option(names = {"-U", "--unified"}, paramLabel = "N", defaultValue = "3", description = "Lines of context (default 3).")
    int context;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        // picocli hands over everything after "--" as positional values too; split them back.
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dd = original.indexOf("--");
        int nPaths = dd < 0 ? 0 : original.size() - dd - 1;
        List<String> refs = args.subList(0, args.size() - nPaths);
        List<String> pathArgs = args.subList(args.size() - nPaths, args.size());
        if (refs.size() > 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "at most two snapshots; put paths after --, as in: omni diff @ -- src/");
        }
        Workspace ws = currentWorkspace();
        SnapshotService snapsSvc = new SnapshotService(omni());
        DiffService diff = new DiffService(omni());
        List<String> filter = PathArgs.toWorkspacePaths(ctx.env().cwd(), ws.localPath(), pathArgs);
        Predicate<String> pf = filter.isEmpty() ? null : p -> filter.stream().anyMatch(f -> p.equals(f) || p.startsWith(f + "/"));
        DiffService.Side a;
        DiffService.Side b;
        if (turn != null) {
            if (!refs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--turn takes no snapshots");
            }
            dev.omni.core.agent.Turn t = new dev.omni.core.agent.AgentTurns(omni()).resolve(turn, ws);
            if (t.before() == null) {
                throw dev.omni.core.OmniException.notFound("turn " + t.label() + " has no checkpoint before it");
            }
            a = diff.snapshotSide(snapsSvc.manifest(t.before()));
            // A turn still running: what it changed so far, in the working copy.
            b = t.after() == null ? diff.workingSide(ws, ctx.warnings(), ctx.progress(json.json))
                    : diff.snapshotSide(snapsSvc.manifest(t.after()));
        } else if (refs.size() == 2) {
            a = diff.snapshotSide(snapsSvc.manifest(snapsSvc.resolve(refs.get(0), ws)));
            b = diff.snapshotSide(snapsSvc.manifest(snapsSvc.resolve(refs.get(1), ws)));
        } else {
            String ref = refs.isEmpty() ? "@" : refs.get(0);
            a = diff.snapshotSide(snapsSvc.manifest(snapsSvc.resolve(ref, ws)));
            b = diff.workingSide(ws, ctx.warnings(), ctx.progress(json.json));
        }
        List<Change> changes = diff.changes(a, b, pf);
        if (mode.nameStatus && !json.json) {
            changes.forEach(c -> ctx.out().println(c.kind().letter() + "\t" + c.path()));
        } else {
            List<FileDiff> diffs = diff.contents(changes, a, b, context);
            if (json.json) {
                JsonOption.print(ctx.out(), diffs.stream().map(DiffCommand::view).toList());
            } else if (mode.stat) {
                printStat(diffs);
            } else {
                printPatch(diffs);
            }
        }
        return exitCode && !changes.isEmpty() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private static Map<String, Object> view(FileDiff d) {
        Map<String, Object> m = new LinkedHashMap<>(Views.change(d.change()));
        m.put("binary", d.binary());
        m.put("added_lines", d.added());
        m.put("removed_lines", d.removed());
        m.put("hunks", d.hunks());
        return m;
    }

    private void printStat(List<FileDiff> diffs) {
        int width = diffs.stream().mapToInt(d -> d.change().path().length()).max().orElse(0);
        int adds = 0;
        int dels = 0;
        Style st = ctx.style();
        for (FileDiff d : diffs) {
            String what = d.binary() ? "Bin" : String.valueOf(d.added() + d.removed());
            String bar = d.binary() ? "" : st.green("+".repeat(Math.min(d.added(), 40))) + st.red("-".repeat(Math.min(d.removed(), 40)));
            ctx.out().printf(" %-" + Math.max(1, width) + "s | %5s %s%n", d.change().path(), what, bar);
            adds += d.added();
            dels += d.removed();
        }
        ctx.out().printf(" %d file%s changed, %d insertion%s(+), %d deletion%s(-)%n", diffs.size(), diffs.size() == 1 ? "" : "s",
                adds, adds == 1 ? "" : "s", dels, dels == 1 ? "" : "s");
    }

    private void printPatch(List<FileDiff> diffs) {
        PrintWriter out = ctx.out();
        Style st = ctx.style();
        for (FileDiff d : diffs) {
            Change c = d.change();
            out.println(st.bold("diff --omni a/" + c.path() + " b/" + c.path()));
            if (c.kind() == Change.Kind.ADDED) {
                out.println(st.bold("new " + c.after().type().wire() + (c.after().isFile() ? " mode " + c.after().modeString() : "")));
            } else if (c.kind() == Change.Kind.DELETED) {
                out.println(st.bold("deleted " + c.before().type().wire() + (c.before().isFile() ? " mode " + c.before().modeString() : "")));
            } else if (c.before().executable() != c.after().executable()) {
                out.println(st.bold("old mode " + c.before().modeString()));
                out.println(st.bold("new mode " + c.after().modeString()));
            }
            if (c.before() != null && c.before().isSymlink() || c.after() != null && c.after().isSymlink()) {
                if (c.before() != null && c.before().isSymlink()) {
                    out.println(st.red("-> " + c.before().target()));
                }
                if (c.after() != null && c.after().isSymlink()) {
                    out.println(st.green("-> " + c.after().target()));
                }
                continue;
            }
            if (d.binary()) {
                out.println("Binary files " + (c.before() == null ? "/dev/null" : "a/" + c.path()) + " and "
                        + (c.after() == null ? "/dev/null" : "b/" + c.path()) + " differ");
                continue;
            }
            if (d.hunks().isEmpty()) {
                continue;
            }
            out.println(st.bold("--- " + (c.before() == null ? "/dev/null" : "a/" + c.path())));
            out.println(st.bold("+++ " + (c.after() == null ? "/dev/null" : "b/" + c.path())));
            for (String line : d.hunks().split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("@@")) {
                    out.println(st.cyan(line));
                } else if (line.startsWith("+")) {
                    out.println(st.green(line));
                } else if (line.startsWith("-")) {
                    out.println(st.red(line));
                } else {
                    out.println(line);
                }
            }
        }
    }
}
