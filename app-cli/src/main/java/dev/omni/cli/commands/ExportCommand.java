package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.OmniException;
import dev.omni.core.archive.ArchiveService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni export}: a snapshot as .tar.zst, .tar.gz or .zip. */
@Command(name = "export", description = {"Write a snapshot as an archive (.tar.zst, .tar.gz or .zip).", "The format is chosen by the file name."})
public final class ExportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SNAP", description = "The snapshot (id, unique prefix, @, @~N).")
    String ref;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The archive to write.")
    Path output;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Workspace ws;
        try {
            ws = currentWorkspace();
        } catch (OmniException e) {
            ws = null;
        }
        SnapshotService snaps = new SnapshotService(omni());
        Snapshot snap = snaps.get(snaps.resolve(ref, ws));
        Path out = ctx.env().cwd().resolve(output).normalize();
        int n = new ArchiveService(omni()).export(snap, out, "cli", ctx.progress(json.json));
        if (json.json) {
            JsonOption.print(ctx.out(), Map.of("snapshot", snap.id().value(), "file", out.toString(), "entries", n));
        } else {
            ctx.say("Exported " + snap.id() + " to " + out + " (" + n + " entries)");
        }
        return ExitCodes.OK;
    }
}
