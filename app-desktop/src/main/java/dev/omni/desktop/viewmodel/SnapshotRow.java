package dev.omni.desktop.viewmodel;

import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.util.Bytes;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import java.time.Instant;

/** One snapshot of the timeline, with the words the list shows. */
public record SnapshotRow(Snapshot snapshot, String message, String source, String author, String size, String age, boolean merge) {
    public static SnapshotRow of(Snapshot s, Instant now) {
        String msg = s.message() == null || s.message().isBlank() ? "(no message)" : s.message();
        return new SnapshotRow(s, msg, s.source() == null ? "" : s.source(), s.author() == null ? "" : s.author(),
                Plural.of(s.files(), "file") + " · " + Bytes.human(s.bytes()), Times.ago(s.createdAt(), now), s.parents().size() > 1);
    }

    public String id() {
        return snapshot.id().abbrev();
    }

    @Override
    public String toString() {
        return snapshot.id().abbrev() + "  " + message;
    }
}
