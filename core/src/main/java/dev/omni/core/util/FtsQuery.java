package dev.omni.core.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a person types into a safe FTS5 query. Words are quoted, so punctuation
 * ({@code c++}, {@code foo-bar}, {@code a:b}) never becomes FTS5 syntax and never fails;
 * {@code "two words"} is a phrase, {@code word*} a prefix, {@code OR} and {@code NOT} stay
 * operators, {@code -word} excludes. Snippets mark matches with {@link #MARK_START} and
 * {@link #MARK_END}, which front ends turn into colour, brackets or tags.
 */
public final class FtsQuery {
    /** Starts a highlighted match in snippets (a control character that text never holds). */
    public static final String MARK_START = "\u0002";
    /** Ends a highlighted match in snippets. */
    public static final String MARK_END = "\u0003";

    private FtsQuery() {
    }

    /** The FTS5 expression for {@code input}, or null when it holds nothing searchable. */
    public static String parse(String input) {
        if (input == null) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        int n = input.length();
        while (i < n) {
            char ch = input.charAt(i);
            if (Character.isWhitespace(ch) || ch == '(' || ch == ')') {
                i++;
                continue;
            }
            boolean negate = false;
            if (ch == '-' && i + 1 < n && !Character.isWhitespace(input.charAt(i + 1))) {
                negate = true;
                i++;
                ch = input.charAt(i);
            }
            String term;
            if (ch == '"') {
                int end = input.indexOf('"', i + 1);
                String phrase = end < 0 ? input.substring(i + 1) : input.substring(i + 1, end);
                i = end < 0 ? n : end + 1;
                boolean prefix = false;
                while (i < n && input.charAt(i) == '*') {
                    prefix = true;
                    i++;
                }
                term = quote(phrase, prefix);
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(input.charAt(i)) && input.charAt(i) != '"'
                        && input.charAt(i) != '(' && input.charAt(i) != ')') {
                    i++;
                }
                String word = input.substring(start, i);
                if (!negate && (word.equals("OR") || word.equals("AND") || word.equals("NOT"))) {
                    terms.add(word);
                    continue;
                }
                boolean prefix = false;
                while (word.endsWith("*")) {
                    prefix = true;
                    word = word.substring(0, word.length() - 1);
                }
                term = quote(word, prefix);
            }
            if (term != null) {
                (negate ? excluded : terms).add(term);
            }
        }
        List<String> clean = dropStrayOperators(terms);
        if (clean.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(String.join(" ", clean));
        if (!excluded.isEmpty()) {
            b.insert(0, '(').append(')');
            for (String x : excluded) {
                b.append(" NOT ").append(x);
            }
        }
        return b.toString();
    }

    /** A quoted FTS5 string, or null when the text has no letter or digit (it would hold no token). */
    private static String quote(String text, boolean prefix) {
        boolean any = false;
        for (int k = 0; k < text.length() && !any; k++) {
            any = Character.isLetterOrDigit(text.codePointAt(k));
        }
        if (!any) {
            return null;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"" + (prefix ? "*" : "");
    }

    /** Operators need a term on both sides; a second operator in a row or one at an end is dropped. */
    private static List<String> dropStrayOperators(List<String> in) {
        List<String> out = new ArrayList<>();
        for (String t : in) {
            boolean op = isOperator(t);
            if (op && (out.isEmpty() || isOperator(out.get(out.size() - 1)))) {
                continue;
            }
            out.add(t);
        }
        while (!out.isEmpty() && isOperator(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean isOperator(String t) {
        return t.equals("OR") || t.equals("AND") || t.equals("NOT");
    }

    /** {@code text} with the match marks replaced by {@code open} and {@code close}. */
    public static String mark(String text, String open, String close) {
        return text == null ? null : text.replace(MARK_START, open).replace(MARK_END, close);
    }

    /** {@code text} without match marks. */
    public static String unmark(String text) {
        return mark(text, "", "");
    }
}
