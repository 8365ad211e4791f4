package dev.omni.core.testing;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.model.ObjectId;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trees in a real store from a short description, for tests of tree algorithms (merge, diff): a
 * map from path to content, where content is text, bytes, {@link #exec} or {@link #link}. Each
 * tree is written to one scratch working copy and snapshotted, so its files are in the store.
 */
public final class Trees {
    /** An executable file. */
    public record Exec(String text) {
    }

    /** A symbolic link. */
    public record Link(String target) {
    }

    private final Omni omni;
    private final Path dir;
    private final Workspace ws;

    public Trees(Omni omni, Path dir) {
        this.omni = omni;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ws = new WorkspaceLifecycle(omni).init(dir, "trees", null, "test").workspace();
    }

    public static Exec exec(String text) {
        return new Exec(text);
    }

    public static Link link(String target) {
        return new Link(target);
    }

    /** {@code base} with {@code path} set to {@code content} (null: removed). */
    public static Map<String, Object> with(Map<String, Object> base, String path, Object content) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        if (content == null) {
            m.remove(path);
        } else {
            m.put(path, content);
        }
        return m;
    }

    public static Map<String, Object> without(Map<String, Object> base, String path) {
        return with(base, path, null);
    }

    /** The id of the tree {@code files} describe, with every file in the store. */
    public ObjectId tree(Map<String, Object> files) {
        write(dir, files);
        Workspace fresh = new WorkspaceService(omni).find(ws.id()).orElseThrow();
        return new SnapshotService(omni).take(fresh, new SnapshotService.Options("tree", "cli", true, null), Warnings.IGNORE,
                Progress.NONE).snapshot().manifestHash();
    }

    /** Makes {@code root} hold exactly {@code files} (besides {@code .omni}). */
    public static void write(Path root, Map<String, Object> files) {
        try {
            if (Files.exists(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        String rel = root.relativize(p).toString();
                        if (!rel.isEmpty() && !rel.equals(".omni") && !rel.startsWith(".omni/")) {
                            Files.delete(p);
                        }
                    }
                }
            }
            for (Map.Entry<String, Object> e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Object v = e.getValue();
                if (v instanceof String s) {
                    FileTrees.write(p, s);
                } else if (v instanceof byte[] b) {
                    Files.write(p, b);
                } else if (v instanceof Exec x) {
                    FileTrees.write(p, x.text());
                    FileTrees.setExecutable(p);
                } else if (v instanceof Link l) {
                    Files.createSymbolicLink(p, Path.of(l.target()));
                } else {
                    throw new IllegalArgumentException("not a file description: " + v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
