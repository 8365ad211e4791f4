package dev.omni.sync.daemon;

import dev.omni.core.Omni;
import dev.omni.core.store.Database;

/** How many local changes (memory, conversations, activity) wait in the outbox for the server. */
public final class PendingChanges {
    private PendingChanges() {
    }

    public static long count(Omni omni) {
        return omni.db().read(c -> Database.queryLong(c, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL", 0));
    }
}
