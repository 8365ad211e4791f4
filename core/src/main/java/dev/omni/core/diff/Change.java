package dev.omni.core.diff;

import dev.omni.core.model.TreeEntry;

/** One path that differs between two trees: a file or symlink, or an empty directory that came or went. */
public record Change(String path, Kind kind, TreeEntry before, TreeEntry after) {
    /** How the path changed. */
    public enum Kind {
        ADDED("A"), MODIFIED("M"), DELETED("D");

        private final String letter;

        Kind(String letter) {
            this.letter = letter;
        }

        public String letter() {
            return letter;
        }
    }

    /** Only the executable bit changed. */
    public boolean modeOnly() {
        return kind == Kind.MODIFIED && before.type() == after.type() && java.util.Objects.equals(before.hash(), after.hash())
                && java.util.Objects.equals(before.target(), after.target()) && before.executable() != after.executable();
    }
}
