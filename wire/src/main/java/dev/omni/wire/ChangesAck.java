package dev.omni.wire;

/** The answer to {@code POST /v1/changes}: the highest seq the server holds for the device. */
public record ChangesAck(String deviceId, long maxSeq) {
    /** The error code of a seq the server holds with other content. */
    public static final String SEQ_CONFLICT = "seq_conflict";
}
