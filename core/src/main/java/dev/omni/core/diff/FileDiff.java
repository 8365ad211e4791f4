package dev.omni.core.diff;

/**
 * The content difference of one changed path: lines added and removed, and the unified hunks
 * (empty for binary files, symlinks and mode-only changes).
 */
public record FileDiff(Change change, boolean binary, int added, int removed, String hunks) {
}
