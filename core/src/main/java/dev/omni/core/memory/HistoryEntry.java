package dev.omni.core.memory;

import java.time.Instant;

/** One change of a memory item: what was done, by which device, and the full state after it (JSON). */
public record HistoryEntry(long seq, String memoryId, long version, String op, String data, String deviceId, Instant at) {
}
