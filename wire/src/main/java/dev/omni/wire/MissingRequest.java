package dev.omni.wire;

import java.util.List;

/** {@code POST /v1/objects/missing}: object ids (64 lowercase hex digits), at most {@link ProtocolLimits#IDS_PER_REQUEST}. */
public record MissingRequest(List<String> ids) {
}
