package dev.omni.cli.commands;

import dev.omni.cli.Context;
import dev.omni.core.OmniException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Text given as words on the command line, or as '-' for standard input (long or multi-line text from an agent). */
final class Texts {
    private Texts() {
    }

    static String of(List<String> words, Context ctx) throws IOException {
        if (words.size() == 1 && words.get(0).equals("-")) {
            String s = new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                throw OmniException.invalid("standard input was empty");
            }
            return s;
        }
        return String.join(" ", words);
    }
}
