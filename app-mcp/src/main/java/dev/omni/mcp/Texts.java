package dev.omni.mcp;

import dev.omni.core.util.FtsQuery;

/** Bounding what goes back to the agent. */
final class Texts {
    private Texts() {
    }

    /** {@code s} cut to {@code max} characters, with a note that says so and how much there was. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "\n[… cut: " + (s.length() - max) + " more characters]";
    }

    /** A search snippet with its matches in bold (Markdown). */
    static String snippet(String s) {
        return s == null ? null : s.replace(FtsQuery.MARK_START, "**").replace(FtsQuery.MARK_END, "**");
    }
}
