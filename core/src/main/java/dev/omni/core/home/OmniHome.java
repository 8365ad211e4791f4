package dev.omni.core.home;

import dev.omni.core.Env;
import java.nio.file.Path;

/**
 * Where one user's omni data lives: {@code --home}, else {@code $OMNI_HOME}, else
 * {@code $XDG_DATA_HOME/omni}, else {@code ~/.local/share/omni}. Configuration goes to
 * {@code <home>/config} when the home was chosen explicitly (so that separate homes never share a
 * login), else to {@code $XDG_CONFIG_HOME/omni} or {@code ~/.config/omni}.
 */
public record OmniHome(Path root, Path configDir) {
    public OmniHome {
        root = root.toAbsolutePath().normalize();
        configDir = configDir.toAbsolutePath().normalize();
    }

    public static OmniHome resolve(Env env, Path explicit) {
        Path root;
        boolean chosen = true;
        if (explicit != null) {
            root = env.cwd().resolve(explicit);
        } else if (env.get("OMNI_HOME") != null) {
            root = env.cwd().resolve(env.get("OMNI_HOME"));
        } else {
            chosen = false;
            String xdg = env.get("XDG_DATA_HOME");
            root = xdg != null ? Path.of(xdg, "omni") : env.userHome().resolve(".local/share/omni");
        }
        Path config;
        if (env.get("OMNI_CONFIG_DIR") != null) {
            config = env.cwd().resolve(env.get("OMNI_CONFIG_DIR"));
        } else if (chosen) {
            config = root.resolve("config");
        } else {
            String xdg = env.get("XDG_CONFIG_HOME");
            config = xdg != null ? Path.of(xdg, "omni") : env.userHome().resolve(".config/omni");
        }
        return new OmniHome(root, config);
    }

    public static OmniHome at(Path root) {
        return new OmniHome(root, root.resolve("config"));
    }

    public Path database() {
        return root.resolve("omni.db");
    }

    public Path objects() {
        return root.resolve("objects");
    }

    public Path packs() {
        return objects().resolve("packs");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path locks() {
        return root.resolve("locks");
    }

    public Path cache() {
        return root.resolve("cache");
    }
}
