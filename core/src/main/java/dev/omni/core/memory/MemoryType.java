package dev.omni.core.memory;

import dev.omni.core.OmniException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a memory item is; stored and shown by its lowercase name ({@code next_step}). */
public enum MemoryType {
    FACT, DECISION, PREFERENCE, NEXT_STEP, NOTE, SKILL, EVENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code s} ({@code next-step} works too); a clear error otherwise. */
    public static MemoryType parse(String s) {
        return Wire.parse(MemoryType.class, s, "memory type");
    }

    /** Parses the lowercase wire names of small enums with one clear error message. */
    static final class Wire {
        private Wire() {
        }

        static <E extends Enum<E>> E parse(Class<E> type, String s, String what) {
            if (s != null) {
                String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                for (E e : type.getEnumConstants()) {
                    if (e.name().equals(k)) {
                        return e;
                    }
                }
            }
            throw OmniException.invalid("unknown " + what + " '" + s + "' (one of: " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
        }
    }
}
