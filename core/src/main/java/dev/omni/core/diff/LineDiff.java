package dev.omni.core.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Line diffs with JGit's histogram algorithm; binary content is detected, not diffed. */
public final class LineDiff {
    private static final DiffAlgorithm HISTOGRAM = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    private LineDiff() {
    }

    public static boolean isBinary(byte[] data) {
        return data != null && RawText.isBinary(data, data.length, true);
    }

    public static EditList edits(byte[] a, byte[] b) {
        return HISTOGRAM.diff(RawTextComparator.DEFAULT, new RawText(a), new RawText(b));
    }

    /** Diffs two versions of {@code change}'s path; null content means the side does not exist. */
    public static FileDiff diff(Change change, byte[] a, byte[] b, int context) {
        boolean aText = a == null || !isBinary(a);
        boolean bText = b == null || !isBinary(b);
        if (!aText || !bText) {
            return new FileDiff(change, true, 0, 0, "");
        }
        byte[] x = a == null ? new byte[0] : a;
        byte[] y = b == null ? new byte[0] : b;
        RawText ra = new RawText(x);
        RawText rb = new RawText(y);
        EditList edits = HISTOGRAM.diff(RawTextComparator.DEFAULT, ra, rb);
        int added = 0;
        int removed = 0;
        for (Edit e : edits) {
            added += e.getLengthB();
            removed += e.getLengthA();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(context);
            f.format(edits, ra, rb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileDiff(change, false, added, removed, out.toString(StandardCharsets.UTF_8));
    }
}
