package dev.omni.core.memory;

import java.util.Locale;

/** Where a next step stands (seed 001's next_steps.status). Open: pending or started. */
public enum NextStatus {
    PENDING, STARTED, COMPLETED, DISMISSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean open() {
        return this == PENDING || this == STARTED;
    }

    public static NextStatus parse(String s) {
        return MemoryType.Wire.parse(NextStatus.class, s, "next-step status");
    }
}
