package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.maintenance.FsckService;
import dev.omni.core.util.Plural;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omni fsck}: check every object and snapshot. */
@Command(name = "fsck", description = {"Check the store for damaged or missing data.",
    "Re-hashes every object and checks that every snapshot's trees and files are present.",
    "Exits 1 when anything is corrupt or missing."})
public final class FsckCommand extends BaseCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        FsckService.Report r = new FsckService(omni()).check(ctx.progress(json.json));
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.ok());
            m.put("objects", r.objects());
            m.put("snapshots", r.snapshots());
            m.put("unreachable_objects", r.unreachable());
            m.put("problems", r.problems().stream().map(p -> Map.of("kind", p.kind(), "subject", p.subject(), "detail", p.detail())).toList());
            JsonOption.print(ctx.out(), m);
        } else {
            for (FsckService.Problem p : r.problems()) {
                ctx.out().println(ctx.style().red(p.kind()) + "  " + p.subject() + "  " + p.detail());
            }
            ctx.say((r.ok() ? "ok: " : Plural.of(r.problems().size(), "problem") + "; ") + Plural.of(r.objects(), "object") + ", "
                    + Plural.of(r.snapshots(), "snapshot") + " checked" + (r.unreachable() > 0 ? ", " + r.unreachable() + " unreachable (omni gc removes them)" : ""));
        }
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
