package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.sync.PullService;
import dev.omni.sync.auth.AuthService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni pull}: bring the project's other workspaces' snapshots here. */
@Command(name = "pull", description = {"Bring the project's snapshots from the server.",
    "Its workspaces, snapshots and objects come into the local store, so that drift and merge work across machines. --restore also updates this working copy from",
    "its own head on the server (after a safety snapshot)."})
public final class PullCommand extends BaseCommand {
    @Option(names = "--restore", description = "Update this working copy to its head on the server.")
    boolean restore;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        var client = new AuthService(omni()).client();
        Workspace ws = currentWorkspace();
        PullService svc = new PullService(omni(), client, ctx.progress(json.json));
        PullService.Result r = svc.pull(new WorkspaceService(omni()).projectOf(ws));
        String restored = null;
        if (restore) {
            restored = svc.restoreFromServer(new WorkspaceService(omni()).find(ws.id()).orElseThrow(), ctx.warnings(),
                    ctx.progress(json.json)).value();
        }
        if (json.json) {
            Map<String, Object> m = new LinkedHashMap<>(view(r));
            m.put("restored_to", restored);
            JsonOption.print(ctx.out(), m);
        } else {
            ctx.say("Pulled " + Plural.of(r.snapshots(), "snapshot") + ", " + Plural.of(r.objects(), "object") + " ("
                    + Bytes.human(r.bytes()) + "), " + Plural.of(r.workspaces(), "new workspace") + " in " + r.millis() + " ms" + (restored == null ? "" : "; working copy at " + restored));
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> view(PullService.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshots_received", r.snapshots());
        m.put("objects_received", r.objects());
        m.put("bytes_received", r.bytes());
        m.put("workspaces_added", r.workspaces());
        m.put("millis", r.millis());
        return m;
    }
}
