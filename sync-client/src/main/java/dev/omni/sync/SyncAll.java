package dev.omni.sync;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.sync.SyncPlan;
import dev.omni.core.sync.SyncPlanner;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.ServerClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything this machine has to do with the server in one go ({@code omni sync}), as the
 * {@link SyncPlanner} sees it: push every workspace of this machine whose head the server lacks,
 * pull every project the server knows (those just pushed included), exchange memory, conversation
 * and activity changes. A failure of one part (a head moved elsewhere, a network error) is reported
 * and the other parts still run.
 */
public final class SyncAll {
    private final Omni omni;
    private final ServerClient client;
    private final Progress progress;
    private final Warnings warnings;

    public SyncAll(Omni omni, ServerClient client, Progress progress, Warnings warnings) {
        this.omni = omni;
        this.client = client;
        this.progress = progress;
        this.warnings = warnings;
    }

    /** One part that failed: what it was and why. */
    public record Failure(String what, OmniException error) {
    }

    public record Report(List<PushService.Result> pushed, List<PullService.Result> pulled, ChangeSync.Result changes,
                         List<Failure> failures, long millis) {
    }

    /**
     * What a sync would do now against the server this machine is logged in to (nothing to push or
     * pull when logged out; the changes waiting are counted either way): for status screens.
     */
    public static SyncPlan plan(Omni omni) {
        return new SyncPlanner(omni).plan(new AuthService(omni).status().map(l -> l.server().toString()).orElse(null));
    }

    public Report run() {
        long start = System.nanoTime();
        String server = client.server().toString();
        SyncPlanner planner = new SyncPlanner(omni);
        List<PushService.Result> pushed = new ArrayList<>();
        List<PullService.Result> pulled = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Workspace w : planner.plan(server).toPush()) {
            try {
                pushed.add(new PushService(omni, client, progress).push(w));
            } catch (OmniException e) {
                failures.add(new Failure("push of workspace '" + w.name() + "'", e));
            }
        }
        // Planned again: what was just pushed for the first time is on the server now, and is pulled too.
        for (Project p : planner.plan(server).toPull()) {
            try {
                pulled.add(new PullService(omni, client, progress).pull(p));
            } catch (OmniException e) {
                failures.add(new Failure("pull of project '" + p.name() + "'", e));
            }
        }
        ChangeSync.Result changes = null;
        try {
            changes = new ChangeSync(omni, client, warnings).exchange();
        } catch (OmniException e) {
            failures.add(new Failure("the exchange of memory and conversations", e));
        }
        return new Report(pushed, pulled, changes, failures, (System.nanoTime() - start) / 1_000_000);
    }
}
