package dev.omni.core.memory;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * omni's own section of an agent's context file ({@code AGENTS.md}, {@code CLAUDE.md}): between two
 * marker lines that omni writes. Writing replaces only that section and leaves every other byte of
 * the file as it was; a file without the markers gets the section appended.
 */
public final class ContextFile {
    public static final String BEGIN = "<!-- omni:context:begin -- written by `omni context --write`; edits inside are replaced -->";
    public static final String END = "<!-- omni:context:end -->";
    private static final String BEGIN_PREFIX = "<!-- omni:context:begin";
    private static final String END_PREFIX = "<!-- omni:context:end";

    private ContextFile() {
    }

    /** What {@link #write} did. */
    public enum Outcome { CREATED, REPLACED, APPENDED, UNCHANGED }

    /** Puts {@code digest} into {@code file}'s omni section, atomically. */
    public static Outcome write(Path file, String digest) {
        String block = BEGIN + "\n" + (digest.endsWith("\n") ? digest : digest + "\n") + END;
        String old;
        try {
            old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String updated;
        Outcome outcome;
        if (old == null) {
            updated = block + "\n";
            outcome = Outcome.CREATED;
        } else {
            int begin = lineStart(old, BEGIN_PREFIX, 0);
            int end = lineStart(old, END_PREFIX, 0);
            if (begin < 0 && end < 0) {
                updated = old + (old.isEmpty() || old.endsWith("\n") ? "" : "\n") + (old.isEmpty() ? "" : "\n") + block + "\n";
                outcome = Outcome.APPENDED;
            } else {
                if (begin < 0 || end < 0 || end < begin || lineStart(old, BEGIN_PREFIX, begin + 1) >= 0
                        || lineStart(old, END_PREFIX, end + 1) >= 0) {
                    throw OmniException.conflict(file + " has a broken omni section (each of the lines '" + BEGIN_PREFIX
                            + " …' and '" + END + "' must appear once, in that order); fix the markers and try again");
                }
                int endOfEnd = old.indexOf('\n', end);
                endOfEnd = endOfEnd < 0 ? old.length() : endOfEnd;
                updated = old.substring(0, begin) + block + old.substring(endOfEnd);
                outcome = Outcome.REPLACED;
            }
            if (updated.equals(old)) {
                return Outcome.UNCHANGED;
            }
        }
        writeAtomically(file, updated);
        return outcome;
    }

    /** Where a line starting with {@code prefix} begins, searching from {@code from}; -1 if none. */
    private static int lineStart(String s, String prefix, int from) {
        int i = from;
        while (true) {
            int k = s.indexOf(prefix, i);
            if (k < 0) {
                return -1;
            }
            if (k == 0 || s.charAt(k - 1) == '\n') {
                return k;
            }
            i = k + 1;
        }
    }

    private static void writeAtomically(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
