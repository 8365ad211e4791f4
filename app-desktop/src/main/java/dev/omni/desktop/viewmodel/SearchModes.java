package dev.omni.desktop.viewmodel;

import dev.omni.core.search.SearchMode;
import dev.omni.core.search.SearchResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The search boxes' mode choice (null: automatic, as the CLI's default) and the words a result's
 * summary gets about how it was searched.
 */
public final class SearchModes {
    private SearchModes() {
    }

    /** Automatic first, then text, semantic, hybrid. */
    public static List<SearchMode> choices() {
        List<SearchMode> out = new ArrayList<>();
        out.add(null);
        out.addAll(Arrays.asList(SearchMode.values()));
        return out;
    }

    public static String label(SearchMode m) {
        return m == null ? "Auto" : switch (m) {
            case TEXT -> "Words";
            case SEMANTIC -> "Meaning";
            case HYBRID -> "Both";
        };
    }

    /** " · by meaning and words", and what the semantic index lacks, for a summary line. */
    static String note(SearchResult<?> r) {
        String how = switch (r.mode()) {
            case TEXT -> " · by words";
            case SEMANTIC -> " · by meaning";
            case HYBRID -> " · by words and meaning";
        };
        if (r.notIndexed() == 0) {
            return how;
        }
        return how + " · " + r.notIndexed() + " not in the semantic index yet" + (r.chosen() && r.mode() == SearchMode.TEXT
                ? " (the daemon or 'omni index' adds them)" : "");
    }
}
