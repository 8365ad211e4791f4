package dev.omni.cli.support;

import dev.omni.cli.Context;
import dev.omni.core.OmniException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lets a person edit a text in $VISUAL or $EDITOR, as git does for commit messages. */
public final class Editor {
    private Editor() {
    }

    /** The text after editing; the editor's failure or an empty result is an error, and nothing changes. */
    public static String edit(Context ctx, String text, String what) throws IOException, InterruptedException {
        String editor = ctx.env().get("VISUAL") != null ? ctx.env().get("VISUAL") : ctx.env().get("EDITOR");
        if (editor == null) {
            throw OmniException.invalid("no editor to edit " + what + " in: set $EDITOR, or give the new text with --text");
        }
        Path file = Files.createTempFile("omni-edit-", ".md");
        try {
            Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
            // Through the shell, so that EDITOR="code --wait" works as it does for git.
            Process p = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "omni-edit", file.toString())
                    .directory(ctx.env().cwd().toFile()).inheritIO().start();
            int code = p.waitFor();
            if (code != 0) {
                throw OmniException.invalid("the editor (" + editor + ") exited with code " + code + "; nothing changed");
            }
            String edited = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (edited.isEmpty()) {
                throw OmniException.invalid("the text is empty; nothing changed (use 'omni memory rm' to remove " + what + ")");
            }
            return edited;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
