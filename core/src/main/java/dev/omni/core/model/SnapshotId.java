package dev.omni.core.model;

/** A snapshot id: {@code snap-<ULID>}. */
public record SnapshotId(String value) implements Comparable<SnapshotId> {
    public static final String PREFIX = "snap-";

    public SnapshotId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a snapshot id (snap-<ULID>): " + value);
        }
    }

    public static boolean isValid(String s) {
        return s != null && s.startsWith(PREFIX) && Ulid.isValid(s.substring(PREFIX.length()));
    }

    public static SnapshotId of(Ulid ulid) {
        return new SnapshotId(PREFIX + ulid.next());
    }

    /** The short form shown to people: the prefix and the first 10 characters of the ULID. */
    public String abbrev() {
        return value.substring(0, PREFIX.length() + 12);
    }

    @Override
    public int compareTo(SnapshotId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
