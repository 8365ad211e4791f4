package dev.omni.cli.support;

import dev.omni.core.OmniException;
import dev.omni.core.model.PathRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns paths typed relative to the current directory into workspace paths ("src/a.txt"). */
public final class PathArgs {
    private PathArgs() {
    }

    public static List<String> toWorkspacePaths(Path cwd, Path root, List<String> args) {
        List<String> out = new ArrayList<>();
        if (args == null) {
            return out;
        }
        for (String a : args) {
            Path abs = cwd.resolve(a).normalize();
            if (!abs.startsWith(root)) {
                throw OmniException.invalid(a + " is outside the workspace (" + root + ")");
            }
            String rel = root.relativize(abs).toString().replace('\\', '/');
            if (rel.isEmpty()) {
                return List.of();
            }
            String why = PathRules.whyBadPath(rel);
            if (why != null) {
                throw OmniException.invalid(why);
            }
            out.add(rel);
        }
        return out;
    }
}
