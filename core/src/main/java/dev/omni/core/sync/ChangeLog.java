package dev.omni.core.sync;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.outbox.OutboxEntry;
import dev.omni.core.store.Database;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The store's side of the change exchange with one server (PROTOCOL.md's per-device change log):
 * this device's changes waiting in the outbox, their acknowledgement, and the other devices'
 * changes applied once each ({@code inbox}), a page at a time in one transaction together with the
 * cursor, so an interruption anywhere repeats nothing and loses nothing.
 */
public final class ChangeLog {
    /** The feed of the other devices' changes. */
    static final String CURSOR = "changes";
    /** Per server, the outbox seq up to which it acknowledged this device's changes. */
    static final String ACKED = "outbox_acked";

    private final Omni omni;
    private final String server;

    public ChangeLog(Omni omni, String server) {
        this.omni = omni;
        this.server = server;
    }

    /** Up to {@code limit} of this device's changes not pushed yet, oldest first, each with its data. */
    public List<OutboxEntry> pending(int limit) {
        return new LocalChanges(omni).pending(limit);
    }

    /** The server holds this device's changes up to {@code seq}: they leave the outbox. */
    public void acknowledged(long seq) {
        omni.db().write(c -> {
            RemoteState.setCursor(c, server, ACKED, Long.toString(seq));
            new Outbox(omni).acknowledge(seq);
            return null;
        });
    }

    /**
     * Acknowledged changes leave the outbox. When another server acknowledged changes this one
     * never got (the user logged in somewhere else in between), the full state of everything is
     * queued again for it, in the same transaction as the mark that says so. Returns how many
     * changes were queued (0 in the usual case, which takes no write lock).
     */
    public int catchUp() {
        if (omni.db().read(c -> behind(c)) < 0) {
            return 0;
        }
        return omni.db().write(c -> {
            long elsewhere = behind(c);
            if (elsewhere < 0) {
                return 0;
            }
            int n = new LocalChanges(omni).requeueAll(omni.now());
            RemoteState.setCursor(c, server, ACKED, Long.toString(elsewhere));
            return n;
        });
    }

    /** The highest seq another server acknowledged beyond this one's, or -1 when this one has all. */
    private long behind(java.sql.Connection c) throws java.sql.SQLException {
        String mine = RemoteState.cursor(c, server, ACKED);
        long acked = mine == null ? -1 : Long.parseLong(mine);
        long elsewhere = RemoteState.highestCursor(c, ACKED);
        return elsewhere > acked ? elsewhere : -1;
    }

    /** Where this store last read the other devices' changes; null before the first read. */
    public String cursor() {
        return omni.db().read(c -> RemoteState.cursor(c, server, CURSOR));
    }

    /** What applying a page did: how each change was applied, and how many were rejected. */
    public record Outcome(Map<Applied, Long> outcomes, long rejected) {
        public long count(Applied a) {
            return outcomes.getOrDefault(a, 0L);
        }
    }

    /**
     * Applies a page of other devices' changes, each once, and moves the cursor to {@code next}
     * (when not null), all in one transaction. A change already applied counts as unchanged; one
     * that cannot be applied (its data is not what its type needs) leaves nothing of itself behind,
     * is reported to {@code warnings} and counted as rejected, and is not tried again. When the
     * store itself fails, the whole page is left for next time.
     */
    public Outcome apply(List<RemoteChange> page, String next, Warnings warnings) {
        Map<Applied, Long> outcomes = new EnumMap<>(Applied.class);
        long[] rejected = {0};
        RemoteChanges changes = new RemoteChanges(omni);
        omni.db().write(c -> {
            for (RemoteChange ch : page) {
                if (RemoteState.inInbox(c, ch.deviceId(), ch.seq())) {
                    outcomes.merge(Applied.UNCHANGED, 1L, Long::sum);
                    continue;
                }
                try {
                    // A savepoint, so that a change that fails half-way leaves nothing of itself behind.
                    Database.update(c, "SAVEPOINT change");
                    Applied a = changes.apply(ch.type(), ch.op(), ch.data());
                    Database.update(c, "RELEASE change");
                    outcomes.merge(a, 1L, Long::sum);
                } catch (OmniException | IllegalArgumentException e) {
                    if (e.getCause() instanceof java.sql.SQLException) {
                        throw e; // the store failed (full, damaged), not the change: the page waits, nothing is skipped
                    }
                    Database.update(c, "ROLLBACK TO change");
                    Database.update(c, "RELEASE change");
                    rejected[0]++;
                    warnings.warn(null, "a " + ch.type() + " change from device " + ch.deviceId() + " (seq " + ch.seq()
                            + ") cannot be applied and was skipped: " + e.getMessage());
                }
                RemoteState.addToInbox(c, ch, omni.now());
            }
            if (next != null) {
                RemoteState.setCursor(c, server, CURSOR, next);
            }
            return null;
        });
        return new Outcome(outcomes, rejected[0]);
    }
}
