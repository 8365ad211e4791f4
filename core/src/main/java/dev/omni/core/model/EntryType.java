package dev.omni.core.model;

/** What a tree entry is. */
public enum EntryType {
    FILE("file"), DIR("dir"), SYMLINK("symlink");

    private final String wire;

    EntryType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EntryType fromWire(String s) {
        for (EntryType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown entry type: " + s);
    }
}
