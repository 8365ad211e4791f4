package dev.omni.desktop.viewmodel;

import dev.omni.desktop.viewmodel.DiffModel.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Which words of a changed line differ from its counterpart: a longest common subsequence over
 * tokens (words, runs of spaces, single punctuation marks). Lines too long for that are marked
 * changed as a whole.
 */
final class WordDiff {
    private static final int MAX_CELLS = 200_000;

    private WordDiff() {
    }

    /** The two lines as segments. */
    record Pair(List<Segment> left, List<Segment> right) {
    }

    static Pair diff(String a, String b) {
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        int n = ta.size();
        int m = tb.size();
        if ((long) n * m > MAX_CELLS) {
            return new Pair(List.of(new Segment(a, true)), List.of(new Segment(b, true)));
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = ta.get(i).equals(tb.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        Builder left = new Builder();
        Builder right = new Builder();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && ta.get(i).equals(tb.get(j))) {
                left.add(ta.get(i++), false);
                right.add(tb.get(j++), false);
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                right.add(tb.get(j++), true);
            } else {
                left.add(ta.get(i++), true);
            }
        }
        return new Pair(left.done(), right.done());
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int k = 0;
        while (k < s.length()) {
            int start = k;
            char c = s.charAt(k);
            if (Character.isLetterOrDigit(c) || c == '_') {
                while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
                    k++;
                }
            } else if (Character.isWhitespace(c)) {
                while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
            } else {
                k += Character.charCount(s.codePointAt(k));
            }
            out.add(s.substring(start, k));
        }
        return out;
    }

    /** Joins neighbouring tokens of the same kind into one segment. */
    private static final class Builder {
        private final List<Segment> out = new ArrayList<>();
        private final StringBuilder cur = new StringBuilder();
        private boolean changed;

        void add(String token, boolean isChanged) {
            if (cur.length() > 0 && isChanged != changed) {
                flush();
            }
            changed = isChanged;
            cur.append(token);
        }

        private void flush() {
            if (cur.length() > 0) {
                out.add(new Segment(cur.toString(), changed));
                cur.setLength(0);
            }
        }

        List<Segment> done() {
            flush();
            return out;
        }
    }
}
