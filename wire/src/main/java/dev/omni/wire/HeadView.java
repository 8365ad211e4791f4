package dev.omni.wire;

/**
 * A workspace head: the answer of a head move. A stale move answers 409 {@code stale_version} with
 * the current {@code snapshot_id} and {@code version} beside the error.
 */
public record HeadView(String workspaceId, String snapshotId, long version) {
    /** The error code of a head move that found another version. */
    public static final String STALE_VERSION = "stale_version";
}
