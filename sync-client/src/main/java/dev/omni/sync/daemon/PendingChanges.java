package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.store.Database;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.sync.RemoteState;
import dev.omni.sync.auth.AuthService;
import java.util.LinkedHashMap;
import java.util.Map;

/** What waits for the server: local changes in the outbox, workspaces whose head it lacks. */
public final class PendingChanges {
    private PendingChanges() {
    }

    /** Changes (memory, conversations, messages, activity) not pushed yet. */
    public static long count(Omni omni) {
        return omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL", 0));
    }

    /** {@code workspaces_to_push} (of this machine, with a head the server lacks; 0 when logged out) and {@code changes_to_push}. */
    public static Map<String, Long> queue(Omni omni) {
        String server = new AuthService(omni).status().map(l -> l.server().toString()).orElse(null);
        long heads = 0;
        if (server != null) {
            for (Workspace w : new WorkspaceService(omni).workspaces(null)) {
                if (w.localPath() == null || !omni.machineId().equals(w.machineId()) || w.currentSnapshot() == null) {
                    continue;
                }
                String pushed = omni.db().read(c -> RemoteState.head(c, server, w.id())).map(RemoteState.Head::snapshot).orElse(null);
                if (!w.currentSnapshot().value().equals(pushed)) {
                    heads++;
                }
            }
        }
        Map<String, Long> q = new LinkedHashMap<>();
        q.put("workspaces_to_push", heads);
        q.put("changes_to_push", count(omni));
        return q;
    }
}
