package dev.omni.core.outbox;

import java.time.Instant;

/**
 * One local change waiting to be pushed: PROTOCOL.md's {@code {seq, type, entity_id, op, data, at}},
 * and when it was pushed (null: not yet).
 */
public record OutboxEntry(long seq, String type, String entityId, String op, String data, Instant at, Instant pushedAt) {
}
