package dev.omni.server.store;

/**
 * One entry of a device's change log. {@code data} is JSON text; {@code cursor} is the server's
 * sequence (0 before it is stored).
 */
public record Change(String deviceId, long seq, String type, String entityId, String op, String data, String at,
                     long cursor) {
}
