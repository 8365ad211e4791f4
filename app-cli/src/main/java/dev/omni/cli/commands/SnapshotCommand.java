package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.support.Views;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceRef;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni snapshot}: record the working copy. */
@Command(name = "snapshot", description = {"Record the working copy.",
    "When nothing changed since the current snapshot, says so and records nothing."})
public final class SnapshotCommand extends BaseCommand {
    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Describe the snapshot.")
    String message;

    @Option(names = "--allow-empty", description = "Record a snapshot even when nothing changed.")
    boolean allowEmpty;

    @Mixin
    JsonOption json;

    /** The command as {@code omni snapshot [-m MSG] [--allow-empty] [--json]} would parse it. */
    public static SnapshotCommand of(String message, boolean allowEmpty, boolean json) {
        SnapshotCommand c = new SnapshotCommand();
        c.message = message;
        c.allowEmpty = allowEmpty;
        c.json = new JsonOption();
        c.json.json = json;
        return c;
    }

    @Override
    protected int run() {
        WorkspaceRef ref = workspaceRef();
        omni().openInBackground();
        SnapshotService svc = new SnapshotService(omni());
        SnapshotService.Taken t = svc.take(ref, new SnapshotService.Options(message, "cli", allowEmpty, null),
                ctx.warnings(), ctx.progress(json.json));
        Workspace ws = svc.workspace(ref);
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (t.recorded()) {
                m.putAll(Views.snapshot(t.snapshot()));
                m.put("recorded", true);
                m.put("new_objects", t.newObjects());
                m.put("new_bytes", t.newBytes());
            } else {
                Snapshot cur = svc.get(ws.currentSnapshot());
                m.putAll(Views.snapshot(cur));
                m.put("recorded", false);
            }
            JsonOption.print(ctx.out(), m);
            return ExitCodes.OK;
        }
        if (!t.recorded()) {
            ctx.say("Nothing changed since " + ws.currentSnapshot() + "; no snapshot recorded.");
            return ExitCodes.OK;
        }
        Snapshot s = t.snapshot();
        ctx.say("Snapshot " + s.id() + ": " + Plural.of(s.files(), "file") + ", " + Bytes.human(s.bytes())
                + (t.newObjects() > 0 ? " (" + Plural.of(t.newObjects(), "new object") + ", " + Bytes.human(t.newBytes()) + ")" : ""));
        return ExitCodes.OK;
    }
}
