package dev.omni.desktop.viewmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the window remembers between runs, in {@code <config>/desktop.json}: its size and place,
 * the last project and workspace, the theme. A damaged or missing file means defaults; the file is
 * only a convenience, so failing to write it is not an error.
 */
public final class DesktopPrefs {
    private final Path file;
    public double width = 1280;
    public double height = 800;
    public double x = Double.NaN;
    public double y = Double.NaN;
    public boolean maximized;
    public String lastProject;
    public String lastWorkspace;
    public Theme theme = Theme.SYSTEM;

    private DesktopPrefs(Path file) {
        this.file = file;
    }

    public static DesktopPrefs load(Path configDir) {
        DesktopPrefs p = new DesktopPrefs(configDir.resolve("desktop.json"));
        try {
            if (Files.isRegularFile(p.file)) {
                JsonNode j = Json.mapper().readTree(Files.readAllBytes(p.file));
                p.width = clamp(j.path("width").asDouble(p.width), 640, 10_000);
                p.height = clamp(j.path("height").asDouble(p.height), 480, 10_000);
                p.x = j.hasNonNull("x") ? j.path("x").asDouble() : Double.NaN;
                p.y = j.hasNonNull("y") ? j.path("y").asDouble() : Double.NaN;
                p.maximized = j.path("maximized").asBoolean(false);
                p.lastProject = j.path("last_project").asText(null);
                p.lastWorkspace = j.path("last_workspace").asText(null);
                try {
                    p.theme = Theme.valueOf(j.path("theme").asText("SYSTEM"));
                } catch (IllegalArgumentException e) {
                    p.theme = Theme.SYSTEM;
                }
            }
        } catch (IOException | RuntimeException e) {
            // defaults
        }
        return p;
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    public void save() {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("width", width);
        j.put("height", height);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            j.put("x", x);
            j.put("y", y);
        }
        j.put("maximized", maximized);
        j.put("last_project", lastProject);
        j.put("last_workspace", lastWorkspace);
        j.put("theme", theme.name());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("desktop.json.tmp");
            Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(j) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // only a convenience
        }
    }
}
