package dev.omni.core.search;

import dev.omni.core.OmniException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What one search looks through. */
public enum SearchKind {
    /** Memory items. */
    MEMORY,
    /** Messages of conversations. */
    MESSAGE,
    /** File paths of the workspaces' current snapshots. */
    FILE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code memory,conversations,files} (singular or plural, messages for conversations) as kinds. */
    public static Set<SearchKind> parseList(String list) {
        Set<SearchKind> out = EnumSet.noneOf(SearchKind.class);
        for (String s : list.split(",")) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "memory", "memories" -> out.add(MEMORY);
                case "conversations", "conversation", "conv", "messages", "message" -> out.add(MESSAGE);
                case "files", "file", "paths" -> out.add(FILE);
                case "" -> {
                }
                default -> throw OmniException.invalid("unknown search area '" + s.trim() + "' (use memory, conversations, files)");
            }
        }
        if (out.isEmpty()) {
            throw OmniException.invalid("--in needs at least one of memory, conversations, files");
        }
        return out;
    }
}
