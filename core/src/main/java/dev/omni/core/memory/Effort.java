package dev.omni.core.memory;

import java.util.Locale;

/** How big a next step is. */
public enum Effort {
    SMALL, MEDIUM, LARGE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Effort parse(String s) {
        return MemoryType.Wire.parse(Effort.class, s, "effort");
    }
}
