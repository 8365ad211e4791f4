package dev.omni.wire;

/** Another device's change as the server answers it, with the cursor after it. */
public record ChangeView(String deviceId, long seq, String type, String entityId, String op, RawJson data, String at,
                         String cursor) {
}
