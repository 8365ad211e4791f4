package dev.omni.desktop.viewmodel;

import dev.omni.core.diff.LineDiff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * A file's difference laid out for the diff viewer: unified rows and side-by-side rows, both with
 * line numbers and word-level segments, from core's line diff ({@link LineDiff#edits}). When the
 * content cannot be shown as text (binary, symlink, mode only), {@code message} says why and the
 * rows are empty.
 */
public record DiffModel(String path, String message, List<UnifiedRow> unified, List<SplitRow> split, int added, int removed) {
    public DiffModel {
        unified = List.copyOf(unified);
        split = List.copyOf(split);
    }

    /** What a row shows. */
    public enum Kind { CONTEXT, ADDED, REMOVED, HUNK, EMPTY }

    /** A run of text; {@code changed} marks the words that differ from the other side. */
    public record Segment(String text, boolean changed) {
    }

    /** One row of the unified view; line numbers are 0 where the side has no line. */
    public record UnifiedRow(Kind kind, int oldLine, int newLine, List<Segment> segments) {
        public String text() {
            StringBuilder b = new StringBuilder();
            segments.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** One side of a side-by-side row. */
    public record Cell(Kind kind, int line, List<Segment> segments) {
        static final Cell EMPTY = new Cell(Kind.EMPTY, 0, List.of());

        public String text() {
            StringBuilder b = new StringBuilder();
            segments.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** One row of the side-by-side view. */
    public record SplitRow(Cell left, Cell right) {
    }

    /** No content to show, only a sentence. */
    public static DiffModel message(String path, String message) {
        return new DiffModel(path, message, List.of(), List.of(), 0, 0);
    }

    /** A whole file with line numbers (the file viewer). */
    public static DiffModel whole(String path, byte[] data) {
        if (LineDiff.isBinary(data)) {
            return message(path, "Binary file (" + data.length + " bytes).");
        }
        List<UnifiedRow> rows = new ArrayList<>();
        List<SplitRow> split = new ArrayList<>();
        int n = 1;
        for (String line : lines(data)) {
            List<Segment> s = List.of(new Segment(line, false));
            rows.add(new UnifiedRow(Kind.CONTEXT, 0, n, s));
            split.add(new SplitRow(Cell.EMPTY, new Cell(Kind.CONTEXT, n, s)));
            n++;
        }
        if (rows.isEmpty()) {
            return message(path, "Empty file.");
        }
        return new DiffModel(path, null, rows, split, 0, 0);
    }

    public boolean hasRows() {
        return message == null;
    }

    /**
     * Lays out the difference of two versions of {@code path} ({@code null}: the side has no such
     * file), with {@code context} lines around each change ({@link Integer#MAX_VALUE}: the whole file).
     */
    public static DiffModel of(String path, byte[] a, byte[] b, int context) {
        if (LineDiff.isBinary(a) || LineDiff.isBinary(b)) {
            return message(path, "Binary file: the contents differ, but cannot be shown as text.");
        }
        byte[] x = a == null ? new byte[0] : a;
        byte[] y = b == null ? new byte[0] : b;
        List<String> la = lines(x);
        List<String> lb = lines(y);
        EditList edits = LineDiff.edits(x, y);
        if (edits.isEmpty()) {
            return message(path, "No differences in the content.");
        }
        List<UnifiedRow> unified = new ArrayList<>();
        List<SplitRow> split = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (Edit e : edits) {
            added += e.getLengthB();
            removed += e.getLengthA();
        }
        int i = 0;
        while (i < edits.size()) {
            int j = i;
            // Edits closer than twice the context share a hunk, as in a unified diff.
            while (j + 1 < edits.size() && (long) edits.get(j + 1).getBeginA() - edits.get(j).getEndA() <= 2L * context) {
                j++;
            }
            Edit first = edits.get(i);
            Edit last = edits.get(j);
            int aStart = (int) Math.max(0, (long) first.getBeginA() - context);
            int bStart = (int) Math.max(0, (long) first.getBeginB() - context);
            int aEnd = (int) Math.min(la.size(), (long) last.getEndA() + context);
            int bEnd = (int) Math.min(lb.size(), (long) last.getEndB() + context);
            String header = "@@ -" + range(aStart, aEnd - aStart) + " +" + range(bStart, bEnd - bStart) + " @@";
            List<Segment> h = List.of(new Segment(header, false));
            unified.add(new UnifiedRow(Kind.HUNK, 0, 0, h));
            split.add(new SplitRow(new Cell(Kind.HUNK, 0, h), new Cell(Kind.HUNK, 0, h)));
            int ai = aStart;
            int bi = bStart;
            for (int k = i; k <= j; k++) {
                Edit e = edits.get(k);
                while (ai < e.getBeginA()) {
                    context(la.get(ai), ai + 1, bi + 1, unified, split);
                    ai++;
                    bi++;
                }
                change(la.subList(e.getBeginA(), e.getEndA()), e.getBeginA(), lb.subList(e.getBeginB(), e.getEndB()), e.getBeginB(),
                        unified, split);
                ai = e.getEndA();
                bi = e.getEndB();
            }
            while (ai < aEnd && bi < bEnd) {
                context(la.get(ai), ai + 1, bi + 1, unified, split);
                ai++;
                bi++;
            }
            i = j + 1;
        }
        return new DiffModel(path, null, unified, split, added, removed);
    }

    private static String range(int start, int length) {
        int first = length == 0 ? start : start + 1;
        return length == 1 ? Integer.toString(first) : first + "," + length;
    }

    private static void context(String line, int oldNo, int newNo, List<UnifiedRow> unified, List<SplitRow> split) {
        List<Segment> s = List.of(new Segment(line, false));
        unified.add(new UnifiedRow(Kind.CONTEXT, oldNo, newNo, s));
        split.add(new SplitRow(new Cell(Kind.CONTEXT, oldNo, s), new Cell(Kind.CONTEXT, newNo, s)));
    }

    private static void change(List<String> old, int oldStart, List<String> neu, int newStart, List<UnifiedRow> unified,
                               List<SplitRow> split) {
        int n = Math.max(old.size(), neu.size());
        List<List<Segment>> oldSegs = new ArrayList<>();
        List<List<Segment>> newSegs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String o = k < old.size() ? old.get(k) : null;
            String w = k < neu.size() ? neu.get(k) : null;
            if (o != null && w != null) {
                WordDiff.Pair p = WordDiff.diff(o, w);
                oldSegs.add(p.left());
                newSegs.add(p.right());
            } else if (o != null) {
                oldSegs.add(List.of(new Segment(o, false)));
            } else {
                newSegs.add(List.of(new Segment(w, false)));
            }
        }
        for (int k = 0; k < old.size(); k++) {
            unified.add(new UnifiedRow(Kind.REMOVED, oldStart + k + 1, 0, oldSegs.get(k)));
        }
        for (int k = 0; k < neu.size(); k++) {
            unified.add(new UnifiedRow(Kind.ADDED, 0, newStart + k + 1, newSegs.get(k)));
        }
        for (int k = 0; k < n; k++) {
            Cell l = k < old.size() ? new Cell(Kind.REMOVED, oldStart + k + 1, oldSegs.get(k)) : Cell.EMPTY;
            Cell r = k < neu.size() ? new Cell(Kind.ADDED, newStart + k + 1, newSegs.get(k)) : Cell.EMPTY;
            split.add(new SplitRow(l, r));
        }
    }

    /** The lines of {@code data} as UTF-8, without their line ends (as JGit counts them). */
    static List<String> lines(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                out.add(stripCr(s.substring(start, k)));
                start = k + 1;
            }
        }
        if (start < s.length()) {
            out.add(stripCr(s.substring(start)));
        }
        return out;
    }

    private static String stripCr(String l) {
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }
}
