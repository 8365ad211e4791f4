package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.PathArgs;
import dev.omni.core.OmniException;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni restore}: put a snapshot's files back, into the working copy or another directory. */
@Command(name = "restore", description = {"Put files back exactly as they were in a snapshot.",
    "Into the working copy, a safety snapshot of its current state is taken first, and tracked files",
    "the snapshot does not have are removed. --to DIR restores elsewhere (DIR must be empty unless --force)."})
public final class RestoreCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SNAP", description = "The snapshot (id, unique prefix, @, @~N).")
    String ref;

    @Parameters(index = "1..*", paramLabel = "PATH", description = "Only these files or directories.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--to", paramLabel = "DIR", description = "Restore into DIR instead of the working copy.")
    Path to;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would change; change nothing.")
    boolean dryRun;

    @Option(names = {"-f", "--force"}, description = "With --to: write into a non-empty directory.")
    boolean force;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws = contextWorkspace();
        SnapshotService snaps = new SnapshotService(omni());
        Snapshot snap = snaps.get(snaps.resolve(ref, ws));
        RestoreService svc = new RestoreService(omni());
        RestoreService.Result r;
        if (to != null) {
            List<String> rel = ws == null ? relativeToRoot(paths) : PathArgs.toWorkspacePaths(ctx.env().cwd(), ws.localPath(), paths);
            r = svc.restoreToDirectory(snap, rel, ctx.env().cwd().resolve(to).normalize(), force, dryRun, ctx.progress(json.json));
        } else {
            if (ws == null) {
                throw OmniException.notFound("not inside an omni workspace; use --to DIR to restore elsewhere");
            }
            List<String> rel = PathArgs.toWorkspacePaths(ctx.env().cwd(), ws.localPath(), paths);
            r = svc.restoreToWorkspace(ws, snap, rel, dryRun, "cli", ctx.warnings(), ctx.progress(json.json));
        }
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snapshot", r.restored().value());
            m.put("safety_snapshot", r.safetySnapshot() == null ? null : r.safetySnapshot().value());
            m.put("dry_run", r.dryRun());
            m.put("created", r.count(RestoreService.Step.Kind.CREATE));
            m.put("updated", r.count(RestoreService.Step.Kind.UPDATE));
            m.put("deleted", r.count(RestoreService.Step.Kind.DELETE));
            m.put("moved_aside", r.movedAside());
            m.put("steps", r.steps().stream().map(s -> Map.of("action", s.kind().name().toLowerCase(), "path", s.path())).toList());
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        if (r.dryRun()) {
            for (RestoreService.Step s : r.steps()) {
                String letter = switch (s.kind()) {
                    case CREATE -> "A";
                    case UPDATE -> "M";
                    case DELETE -> "D";
                };
                ctx.out().println(letter + "  " + s.path());
            }
        }
        String verb = r.dryRun() ? "Would restore" : "Restored";
        ctx.say(verb + " " + snap.id() + (to != null ? " into " + to : "") + ": " + r.count(RestoreService.Step.Kind.CREATE)
                + " created, " + r.count(RestoreService.Step.Kind.UPDATE) + " updated, " + r.count(RestoreService.Step.Kind.DELETE)
                + " deleted" + (r.safetySnapshot() != null ? " (safety snapshot " + r.safetySnapshot() + ")" : ""));
        return ExitCodes.OK;
    }

    private List<String> relativeToRoot(List<String> args) {
        for (String a : args) {
            String why = dev.omni.core.model.PathRules.whyBadPath(a);
            if (why != null) {
                throw OmniException.invalid(why);
            }
        }
        return args;
    }

    private Workspace contextWorkspace() {
        try {
            return currentWorkspace();
        } catch (OmniException e) {
            if (e.kind() == OmniException.Kind.NOT_FOUND && to != null) {
                return null;
            }
            throw e;
        }
    }
}
