package dev.omni.desktop.viewmodel;

import dev.omni.core.agent.Turn;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import java.time.Instant;
import java.util.List;

/** One snapshot of the timeline, with the words the list shows. */
public record SnapshotRow(Snapshot snapshot, String message, String source, String author, String size, String age, boolean merge,
                          String checkpoint) {
    public static SnapshotRow of(Snapshot s, Instant now) {
        return of(s, now, List.of());
    }

    /**
     * {@code turns}: the agent turns this snapshot is a checkpoint of; the row then carries a mark
     * with the agent, the session and the turn ({@code claude · 5d8e2c1a · turn 3 before}).
     */
    public static SnapshotRow of(Snapshot s, Instant now, List<Turn> turns) {
        String msg = s.message() == null || s.message().isBlank() ? "(no message)" : s.message();
        List<String> marks = new java.util.ArrayList<>();
        for (Turn t : turns) {
            marks.add(t.agent() + " · " + Turn.shortSession(t.sessionId()) + " · turn " + t.turn() + " "
                    + (s.id().equals(t.before()) ? "before" : "after"));
        }
        return new SnapshotRow(s, msg, s.source() == null ? "" : s.source(), s.author() == null ? "" : s.author(),
                Plural.of(s.files(), "file") + " · " + Bytes.human(s.bytes()), Times.ago(s.createdAt(), now), s.parents().size() > 1,
                marks.isEmpty() ? null : String.join(", ", marks));
    }

    public String id() {
        return snapshot.id().abbrev();
    }

    @Override
    public String toString() {
        return snapshot.id().abbrev() + "  " + message;
    }
}
