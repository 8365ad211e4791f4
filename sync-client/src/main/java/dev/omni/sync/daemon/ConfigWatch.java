package dev.omni.sync.daemon;

import dev.omni.core.OmniException;
import dev.omni.core.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The daemon's settings, read from {@code config.toml} again only when the file changed (its
 * modification time, size or existence), not on every pass. A file that no longer parses keeps
 * the settings read before (the defaults, the first time) and is reported once per change.
 */
final class ConfigWatch {
    private final Path dir;
    private final Path file;
    private final Consumer<String> problems;
    private Object seen;
    private Config config;
    private int loads;

    ConfigWatch(Path configDir, Consumer<String> problems) {
        this.dir = configDir;
        this.file = configDir.resolve("config.toml");
        this.problems = problems;
    }

    /** What identifies a version of the file: its time and size, or that it is absent. */
    private record Version(long modifiedNs, long size) {
    }

    private Object version() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** The settings now: the file is read again when it changed since the last call. */
    Config current() {
        Object v = version();
        if (config == null || !Objects.equals(v, seen)) {
            seen = v;
            try {
                config = Config.load(dir);
                loads++;
            } catch (OmniException e) {
                problems.accept(e.getMessage() + "; keeping the settings read before");
                if (config == null) {
                    config = Config.defaults(dir);
                }
            }
        }
        return config;
    }

    /** How often the file was read (for tests). */
    int loads() {
        return loads;
    }
}
