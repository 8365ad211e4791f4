package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.sync.SyncPlanner;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.Workspace;
import dev.omni.sync.PushService;
import dev.omni.sync.auth.AuthService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni push}: send this workspace's snapshots and objects to the server. */
@Command(name = "push", description = {"Send this workspace's new snapshots to the server.",
    "With them go the objects the server lacks; then the workspace's head moves there. An interrupted push resumes where it stopped; a head moved elsewhere is never overwritten."})
public final class PushCommand extends BaseCommand {
    @Option(names = "--all", description = "Every workspace on this machine (of every project) whose head the server lacks.")
    boolean all;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        var client = new AuthService(omni()).client();
        List<Workspace> targets = new ArrayList<>();
        if (all) {
            targets.addAll(new SyncPlanner(omni()).plan(client.server().toString()).toPush());
            if (targets.isEmpty() && !json.json) {
                ctx.say("Nothing to push: the server has the head of every workspace on this machine.");
            }
        } else {
            targets.add(currentWorkspace());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Workspace w : targets) {
            PushService.Result r = new PushService(omni(), client, ctx.progress(json.json)).push(w);
            results.add(view(r));
            if (!json.json) {
                ctx.say("Pushed '" + r.workspace() + "': " + Plural.of(r.snapshots(), "snapshot") + ", " + Plural.of(r.objectsSent(), "object") + " ("
                        + Bytes.human(r.objectBytes()) + ", " + Bytes.human(r.bytesSent()) + " on the wire) sent, " + r.objectsSkipped() + " already there; head " + r.head()
                        + " (version " + r.version() + ") in " + r.millis() + " ms");
            }
        }
        if (json.json) {
            JsonOption.print(ctx.out(), all ? results : results.get(0));
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> view(PushService.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace", r.workspace());
        m.put("snapshots_sent", r.snapshots());
        m.put("objects_sent", r.objectsSent());
        m.put("object_bytes", r.objectBytes());
        m.put("bytes_sent", r.bytesSent());
        m.put("objects_skipped", r.objectsSkipped());
        m.put("head", r.head());
        m.put("version", r.version());
        m.put("millis", r.millis());
        return m;
    }
}
