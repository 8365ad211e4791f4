package dev.omni.desktop.viewmodel;

import dev.omni.core.util.FtsQuery;
import java.util.ArrayList;
import java.util.List;

/** A run of a search snippet; {@code hit} marks the words that matched (core marks them in the snippet). */
public record Highlight(String text, boolean hit) {
    /** The runs of a snippet marked with {@link FtsQuery#MARK_START} and {@link FtsQuery#MARK_END}. */
    public static List<Highlight> parse(String marked) {
        List<Highlight> out = new ArrayList<>();
        if (marked == null) {
            return out;
        }
        String s = marked.replace('\n', ' ');
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf(FtsQuery.MARK_START, i);
            if (start < 0) {
                out.add(new Highlight(s.substring(i), false));
                break;
            }
            if (start > i) {
                out.add(new Highlight(s.substring(i, start), false));
            }
            int end = s.indexOf(FtsQuery.MARK_END, start + 1);
            if (end < 0) {
                end = s.length();
            }
            out.add(new Highlight(s.substring(start + 1, end), true));
            i = end + 1;
        }
        return out;
    }

    public static String plain(List<Highlight> parts) {
        StringBuilder b = new StringBuilder();
        parts.forEach(h -> b.append(h.text()));
        return b.toString();
    }
}
