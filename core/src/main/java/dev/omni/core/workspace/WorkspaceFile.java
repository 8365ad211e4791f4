package dev.omni.core.workspace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads, writes and finds {@code .omni/workspace.json}. */
public final class WorkspaceFile {
    public static final String DIR = ".omni";
    public static final String NAME = "workspace.json";

    private WorkspaceFile() {
    }

    public static Path file(Path root) {
        return root.resolve(DIR).resolve(NAME);
    }

    /** Walks up from {@code dir} like git does; empty when no workspace encloses it. */
    public static Optional<WorkspaceRef> find(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path f = file(p);
            if (Files.isRegularFile(f)) {
                Path root = p;
                try {
                    root = p.toRealPath();
                } catch (IOException e) {
                    // keep the path as found
                }
                return Optional.of(read(root));
            }
        }
        return Optional.empty();
    }

    public static WorkspaceRef read(Path root) {
        Path f = file(root);
        String project = null;
        String workspace = null;
        try (JsonParser p = Json.FACTORY.createParser(Files.readAllBytes(f))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new OmniException(OmniException.Kind.INVALID_INPUT, OmniException.Reason.WORKSPACE_FILE_DAMAGED,
                        f + " is damaged (not a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (name.equals("project_id")) {
                    project = p.getValueAsString();
                } else if (name.equals("workspace_id")) {
                    workspace = p.getValueAsString();
                }
            }
        } catch (IOException e) {
            throw OmniException.invalid("cannot read " + f + ": " + e.getMessage());
        }
        if (project == null || workspace == null) {
            throw new OmniException(OmniException.Kind.INVALID_INPUT, OmniException.Reason.WORKSPACE_FILE_DAMAGED,
                    f + " is damaged (no project_id or workspace_id)");
        }
        return new WorkspaceRef(root, project, workspace);
    }

    /** Inside a git work tree, {@code .omni/} goes into {@code .git/info/exclude}. */
    public static void excludeFromGit(Path root) {
        Path git = root.resolve(".git");
        if (!Files.isDirectory(git)) {
            return;
        }
        Path exclude = git.resolve("info/exclude");
        try {
            String existing = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
            if (existing.lines().anyMatch(l -> l.trim().equals(".omni/") || l.trim().equals("/.omni/") || l.trim().equals(".omni"))) {
                return;
            }
            Files.createDirectories(exclude.getParent());
            String add = (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + "# omni's workspace metadata\n/.omni/\n";
            Files.writeString(exclude, add, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // git would only list .omni/ as untracked; nothing of omni's depends on this
        }
    }

    public static void write(Path root, String projectId, String workspaceId) {
        Path dir = root.resolve(DIR);
        try {
            Files.createDirectories(dir);
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("version", 1);
            n.put("project_id", projectId);
            n.put("workspace_id", workspaceId);
            Path tmp = dir.resolve(NAME + ".tmp");
            Files.writeString(tmp, Json.write(n) + "\n");
            try {
                Files.move(tmp, file(root), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(root), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + file(root) + ": " + e.getMessage(), e);
        }
    }
}
