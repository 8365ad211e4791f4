package dev.omni.cli.support;

import dev.omni.core.util.FtsQuery;

/** Search matches, marked by core, shown as colour on a terminal, [brackets] in plain text, {@code <mark>} in JSON. */
public final class Marks {
    private Marks() {
    }

    public static String text(String snippet, Style st) {
        if (snippet == null) {
            return "";
        }
        String oneLine = snippet.replace('\n', ' ').replace('\r', ' ');
        return st.color() ? FtsQuery.mark(oneLine, "\u001b[1;33m", "\u001b[0m") : FtsQuery.mark(oneLine, "[", "]");
    }

    public static String json(String snippet) {
        return FtsQuery.mark(snippet, "<mark>", "</mark>");
    }
}
