package dev.omni.desktop.viewmodel;

import dev.omni.core.snapshot.Snapshot;

/** One side of a comparison: nothing (before the first snapshot), a snapshot, or the working copy. */
public record CompareTarget(Kind kind, Snapshot snapshot) {
    /** What the side is. */
    public enum Kind { EMPTY, SNAPSHOT, WORKING_COPY }

    public static final CompareTarget EMPTY = new CompareTarget(Kind.EMPTY, null);
    public static final CompareTarget WORKING_COPY = new CompareTarget(Kind.WORKING_COPY, null);

    public static CompareTarget of(Snapshot s) {
        return s == null ? EMPTY : new CompareTarget(Kind.SNAPSHOT, s);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EMPTY -> "(nothing)";
            case WORKING_COPY -> "Working copy";
            case SNAPSHOT -> snapshot.id().abbrev() + "  " + (snapshot.message() == null ? "" : snapshot.message());
        };
    }
}
