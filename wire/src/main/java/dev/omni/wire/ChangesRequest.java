package dev.omni.wire;

import java.util.List;

/**
 * {@code POST /v1/changes}: this device's changes, at most {@link ProtocolLimits#CHANGES_PER_REQUEST};
 * each (user, device, seq) is kept once.
 */
public record ChangesRequest(String deviceId, List<Change> changes) {

    /** One change: the entity's full state as {@code data}; {@code seq} is boxed so that a missing one is refused. */
    public record Change(Long seq, String type, String entityId, String op, RawJson data, String at) {
    }
}
