package dev.omni.wire;

/**
 * The sizes and counts a server takes per request by default (a server may be configured otherwise;
 * it answers 413 beyond its limits), and what a client keeps under to be served well.
 */
public final class ProtocolLimits {
    /** Bytes of a JSON request body. */
    public static final long JSON_BODY_BYTES = 4L << 20;
    /** Bytes of one object sent alone ({@code PUT /v1/objects/{id}}). */
    public static final long OBJECT_BYTES = 512L << 20;
    /** Bytes of a whole batch body, on the wire and decoded. */
    public static final long BATCH_BYTES = 64L << 20;
    /** Frames in one batch. */
    public static final int BATCH_OBJECTS = 1000;
    /** Bytes of one object in a batch; larger ones go alone. */
    public static final long BATCH_OBJECT_BYTES = 4L << 20;
    /** Ids in one {@code POST /v1/objects/missing}. */
    public static final int IDS_PER_REQUEST = 10_000;
    /** Changes in one {@code POST /v1/changes}. */
    public static final int CHANGES_PER_REQUEST = 1000;
    /** Items in one page of a listing. */
    public static final int PAGE_SIZE = 1000;
    /** Parents of one snapshot. */
    public static final int SNAPSHOT_PARENTS = 16;
    /** What a client keeps one batch under for the best latency (BATCH-FORMAT.md). */
    public static final long BATCH_TARGET_BYTES = 8L << 20;

    private ProtocolLimits() {
    }
}
