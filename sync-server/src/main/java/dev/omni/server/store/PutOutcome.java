package dev.omni.server.store;

/** The result of an idempotent write: the stored value and whether this call created it. */
public record PutOutcome<T>(T value, boolean created) {
}
