package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.Remedies;
import dev.omni.core.outbox.Applied;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.sync.ChangeSync;
import dev.omni.sync.PullService;
import dev.omni.sync.PushService;
import dev.omni.sync.SyncAll;
import dev.omni.sync.auth.AuthService;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omni sync}: push, pull and exchange changes, for everything on this machine. */
@Command(name = "sync", description = {"Push, pull, and exchange memory and conversations.",
    "Pushes every workspace of this machine that has new snapshots, pulls every project the server knows,",
    "and exchanges memory, conversation and activity changes with the other machines."})
public final class SyncCommand extends BaseCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        var client = new AuthService(omni()).client();
        SyncAll.Report r = new SyncAll(omni(), client, ctx.progress(json.json), ctx.warnings()).run();
        if (json.json) {
            JsonOption.print(ctx.out(), view(r));
        } else {
            print(r);
        }
        for (SyncAll.Failure f : r.failures()) {
            ctx.err().println("omni: " + f.what() + " failed: " + Remedies.message(f.error(), "sync"));
        }
        return r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.of(r.failures().get(0).error().kind());
    }

    private void print(SyncAll.Report r) {
        if (r.pushed().isEmpty()) {
            ctx.say("Push: nothing new");
        }
        for (PushService.Result p : r.pushed()) {
            ctx.say("Pushed '" + p.workspace() + "': " + Plural.of(p.snapshots(), "snapshot") + ", " + Plural.of(p.objectsSent(), "object") + " ("
                    + Bytes.human(p.bytesSent()) + " on the wire); head " + p.head());
        }
        long snaps = r.pulled().stream().mapToLong(PullService.Result::snapshots).sum();
        long bytes = r.pulled().stream().mapToLong(PullService.Result::bytes).sum();
        ctx.say("Pulled " + Plural.of(snaps, "snapshot") + " (" + Bytes.human(bytes) + ") of " + Plural.of(r.pulled().size(), "project"));
        ChangeSync.Result c = r.changes();
        if (c != null) {
            ctx.say("Changes: " + c.pushed() + " sent, " + c.received() + " received (" + c.applied() + " applied"
                    + (c.outcomes().getOrDefault(Applied.SUPERSEDED, 0L) > 0
                        ? ", " + c.outcomes().get(Applied.SUPERSEDED) + " older than what is here" : "")
                    + (c.rejected() > 0 ? ", " + c.rejected() + " rejected" : "") + ")");
        }
    }

    static Map<String, Object> view(SyncAll.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pushed", r.pushed().stream().map(PushCommand::view).toList());
        m.put("pulled", r.pulled().stream().map(PullCommand::view).toList());
        if (r.changes() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("sent", r.changes().pushed());
            c.put("received", r.changes().received());
            for (Applied a : Applied.values()) {
                c.put(a.name().toLowerCase(Locale.ROOT), r.changes().outcomes().getOrDefault(a, 0L));
            }
            c.put("rejected", r.changes().rejected());
            m.put("changes", c);
        }
        m.put("failures", r.failures().stream().map(f -> Map.of("what", f.what(), "error", Remedies.message(f.error(), "sync"))).toList());
        m.put("millis", r.millis());
        return m;
    }
}
