package dev.omni.server.store;

import java.util.List;

/** The per-device change logs; each (user, device, seq) is kept once. */
public interface ChangeRepository {
    /** Appends what is new of {@code changes}; returns the device's highest stored seq. */
    long append(String userId, String deviceId, List<Change> changes, java.time.Instant now);

    /** Changes after {@code afterCursor}, leaving out {@code excludeDevice} (null: none). */
    Page<Change> after(String userId, String excludeDevice, long afterCursor, int limit);
}
