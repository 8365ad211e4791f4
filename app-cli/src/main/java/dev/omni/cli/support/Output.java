package dev.omni.cli.support;

import dev.omni.cli.Context;
import dev.omni.core.OmniException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Output to standard output, or to a file (-o) that appears whole or not at all. */
public final class Output {
    private Output() {
    }

    /** What writes the output and says how many things it wrote. */
    @FunctionalInterface
    public interface Writing {
        int write(PrintWriter w);
    }

    public static int write(Context ctx, Path file, Writing writing) {
        if (file == null) {
            int n = writing.write(ctx.out());
            ctx.out().flush();
            return n;
        }
        Path target = ctx.env().cwd().resolve(file);
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                int n;
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                    n = writing.write(w);
                    if (w.checkError()) {
                        throw new IOException("write failed");
                    }
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return n;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
