package dev.omni.server.store;

/**
 * The result of moving a workspace head: {@code moved} when the version matched (or the same move
 * was already made), otherwise the current head the caller is behind.
 */
public record HeadMove(boolean moved, String snapshotId, long version) {
}
