package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.maintenance.GcService;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.util.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni gc}: delete objects no snapshot reaches. */
@Command(name = "gc", description = {"Delete objects no snapshot reaches and give their space back.",
    "Waits for no one: if a snapshot, restore or import is running, it says so and stops."})
public final class GcCommand extends BaseCommand {
    @Option(names = {"-n", "--dry-run"}, description = "Show what would be deleted; delete nothing.")
    boolean dryRun;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        ObjectStore.Collected r = new GcService(omni()).collect(dryRun, "cli", ctx.progress(json.json));
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dry_run", dryRun);
            m.put("unreachable_objects", r.deadObjects());
            m.put("unreachable_bytes", r.deadBytes());
            m.put("packs_rewritten", r.packsRewritten());
            m.put("packs_deleted", r.packsDeleted());
            m.put("objects_moved", r.objectsMoved());
            m.put("stray_files", r.strayFiles());
            m.put("disk_before", r.diskBefore());
            m.put("disk_after", r.diskAfter());
            JsonOption.print(ctx.out(), m);
        } else if (dryRun) {
            ctx.say("Would delete " + r.deadObjects() + " unreachable objects (" + Bytes.human(r.deadBytes()) + " raw), rewrite "
                    + r.packsRewritten() + " packs, remove " + r.strayFiles() + " stray files.");
        } else {
            ctx.say("Deleted " + r.deadObjects() + " unreachable objects (" + Bytes.human(r.deadBytes()) + " raw); rewrote "
                    + r.packsRewritten() + " packs; store " + Bytes.human(r.diskBefore()) + " -> " + Bytes.human(r.diskAfter()) + ".");
        }
        return ExitCodes.OK;
    }
}
