package dev.omni.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hand-written transcripts under {@code src/test/resources/transcripts}, copied into a test's
 * directory with {@code ${CWD}} replaced by the working directory the transcript should claim.
 */
public final class Fixtures {
    public static final String CLAUDE = "claude/6f1c2a1e-0b7d-4c3e-9a51-2f7c9d3e8b10.jsonl";
    public static final String CLAUDE_GROWTH = "claude/growth.jsonl.part";
    public static final String CODEX = "codex/rollout-2026-11-20T10-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl";
    public static final String AIDER = "aider/.aider.chat.history.md";
    public static final String JSON = "json/conversation.json";
    public static final String JSON_TRUNCATED = "json/truncated.json";
    public static final String NOT_A_TRANSCRIPT = "json/notes.txt";
    public static final String LATIN1 = "json/latin1.jsonl";

    private Fixtures() {
    }

    public static String text(String name, Path cwd) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/transcripts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            byte[] bytes = in.readAllBytes();
            String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (cwd != null) {
                // Replace in the raw bytes' Latin-1 view, so that non-UTF-8 fixtures stay byte for byte.
                s = s.replace("${CWD}", new String(cwd.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies fixture {@code name} to {@code target}, claiming {@code cwd} (may be null). */
    public static Path copy(String name, Path target, Path cwd) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, text(name, cwd).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends fixture {@code name} to {@code target} (a transcript that grew). */
    public static void append(String name, Path target, Path cwd) {
        try {
            Files.write(target, text(name, cwd).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
