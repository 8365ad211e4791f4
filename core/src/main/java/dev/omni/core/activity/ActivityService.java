package dev.omni.core.activity;

import dev.omni.core.Omni;
import dev.omni.core.outbox.Applied;
import java.time.Instant;
import java.util.List;

/**
 * The activity log: what happened in this store (and, through sync, on the other machines). An
 * event is recorded in the same transaction as what it records: called inside a use case's write
 * transaction, {@link #record} joins it.
 */
public final class ActivityService {
    private final Omni omni;

    public ActivityService(Omni omni) {
        this.omni = omni;
    }

    /** Records an event of this machine; it goes to the outbox too, for the other machines. */
    public void record(ActivityEvent e) {
        omni.db().write(c -> {
            Activity.record(c, e);
            return null;
        });
    }

    /** Records an event with a new id: what happened ({@code type}), to what, by whom, when. */
    public void record(String projectId, String workspaceId, String type, String actor, String snapshotId, String message,
                       String data, Instant at) {
        record(new ActivityEvent(omni.newId(), projectId, workspaceId, type, actor, snapshotId, message, data, at));
    }

    /** Records another machine's event (sync), once: an event already here is left alone. No outbox entry. */
    public Applied recordRemote(ActivityEvent e) {
        return omni.db().write(c -> Activity.recordRemote(c, e));
    }

    /** Newest first, at most {@code limit}; {@code projectId} null for all projects. */
    public List<ActivityEvent> list(String projectId, int limit) {
        return omni.db().read(c -> Activity.list(c, projectId, limit));
    }
}
