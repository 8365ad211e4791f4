package dev.omni.core.memory;

import java.util.Locale;

/** What a decision is about (seed 001's project_decisions.category). */
public enum DecisionCategory {
    ARCHITECTURE, SCOPE, TECH_CHOICE, APPROACH, PROCESS, PRODUCT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecisionCategory parse(String s) {
        return MemoryType.Wire.parse(DecisionCategory.class, s, "decision category");
    }
}
