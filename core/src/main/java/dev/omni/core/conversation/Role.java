package dev.omni.core.conversation;

import dev.omni.core.OmniException;
import java.util.Locale;

/** Who speaks in a message. Tool results are {@code tool}; the agent's own notes are {@code system}. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code s}; {@code developer} (OpenAI) is a system message, {@code human} a user's. */
    public static Role parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "system", "developer" -> {
                    return SYSTEM;
                }
                case "user", "human" -> {
                    return USER;
                }
                case "assistant", "ai", "model" -> {
                    return ASSISTANT;
                }
                case "tool", "function" -> {
                    return TOOL;
                }
                default -> {
                }
            }
        }
        throw OmniException.invalid("unknown role '" + s + "' (one of: system, user, assistant, tool)");
    }
}
