package dev.omni.core.util;

import java.nio.file.Path;

/**
 * Something wrong at one place of an input file (a broken JSON line, an unknown block type): where
 * it is and what it is. {@code line} is 1-based; 0 when the problem is about the whole file.
 */
public record InputProblem(Path file, long line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
