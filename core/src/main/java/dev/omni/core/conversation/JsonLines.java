package dev.omni.core.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.omni.core.OmniException;
import dev.omni.core.util.InputProblem;
import dev.omni.core.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a JSON Lines transcript one object per line. A line that is not a JSON object becomes a
 * problem with its line number and the reading goes on; a file that is not UTF-8 text, or has no
 * valid line at all, is refused whole.
 */
final class JsonLines {
    /** Receives each good line. */
    @FunctionalInterface
    interface LineHandler {
        void line(long number, String raw, JsonNode node);
    }

    private JsonLines() {
    }

    static void read(Path file, List<InputProblem> problems, LineHandler handler) {
        ObjectReader reader = Json.mapper().reader();
        long good = 0;
        long bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long no = 0;
            String pending = r.readLine();
            while ((line = pending) != null) {
                no++;
                pending = r.readLine();
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = reader.readTree(line);
                } catch (IOException e) {
                    bad++;
                    problems.add(new InputProblem(file, no, pending == null
                            ? "truncated or broken last line (the file may still be being written); skipped"
                            : "not valid JSON; skipped (" + firstLine(e.getMessage()) + ")"));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    bad++;
                    problems.add(new InputProblem(file, no, "not a JSON object; skipped"));
                    continue;
                }
                good++;
                handler.line(no, line, node);
            }
        } catch (NoSuchFileException e) {
            throw OmniException.notFound("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw OmniException.invalid(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (good == 0 && bad > 0) {
            throw OmniException.invalid(file + " has no valid JSON line (" + bad + " broken)");
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 120 ? l.substring(0, 120) + "…" : l;
    }
}
