package dev.omni.core.sync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change of another device as the server returned it: who made it ({@code deviceId},
 * {@code seq}), what it is about, and the entity's full state after it ({@code data}, already
 * downloaded when it travelled as an object; null when it could not be read).
 */
public record RemoteChange(String deviceId, long seq, String type, String entityId, String op, JsonNode data, String at) {
}
