package dev.omni.core.config;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's settings in {@code <config>/config.toml}: flat keys with dotted sections
 * ({@code server}, {@code daemon.quiet_ms}), values that are strings, integers or booleans. Only
 * that subset of TOML is read and written; unknown keys are kept.
 */
public final class Config {
    /** The settings omni knows, with their defaults and a line of help. */
    public enum Key {
        SERVER("server", "", "the omni server to log in to and sync with"),
        DAEMON_QUIET_MS("daemon.quiet_ms", "2000", "how long a workspace must be quiet before the daemon snapshots it (ms)"),
        DAEMON_RESCAN_SECONDS("daemon.rescan_seconds", "60", "how often the daemon checks every workspace even without events"),
        DAEMON_PUSH("daemon.push", "true", "whether the daemon pushes new snapshots when logged in"),
        DAEMON_CONV_SCAN_SECONDS("daemon.conv_scan_seconds", "300", "how often the daemon looks for new agent transcripts"),
        DAEMON_PULL_SECONDS("daemon.pull_seconds", "300", "how often the daemon pulls the other workspaces' snapshots and"
                + " the other machines' memory and conversations (0: never)");

        private final String name;
        private final String dflt;
        private final String help;

        Key(String name, String dflt, String help) {
            this.name = name;
            this.dflt = dflt;
            this.help = help;
        }

        public String key() {
            return name;
        }

        public String defaultValue() {
            return dflt;
        }

        public String help() {
            return help;
        }

        public static Key of(String name) {
            for (Key k : values()) {
                if (k.name.equals(name)) {
                    return k;
                }
            }
            throw OmniException.invalid("unknown setting '" + name + "'; known: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(Key::key).toList()));
        }
    }

    private final Path file;
    private final Map<String, String> values;

    private Config(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The defaults of every setting, as if {@code config.toml} in {@code configDir} were empty. */
    public static Config defaults(Path configDir) {
        return new Config(configDir.resolve("config.toml"), new TreeMap<>());
    }

    public static Config load(Path configDir) {
        Path f = configDir.resolve("config.toml");
        Map<String, String> v = new TreeMap<>();
        if (Files.isRegularFile(f)) {
            try {
                parse(Files.readAllLines(f, StandardCharsets.UTF_8), v, f);
            } catch (IOException e) {
                throw new OmniException(OmniException.Kind.IO, "cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return new Config(f, v);
    }

    private static void parse(List<String> lines, Map<String, String> out, Path f) {
        String section = "";
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip() + ".";
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw OmniException.invalid(f + ":" + n + ": expected key = value");
            }
            String key = section + line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.startsWith("\"")) {
                if (!value.endsWith("\"") || value.length() < 2) {
                    throw OmniException.invalid(f + ":" + n + ": unterminated string");
                }
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            out.put(key, value);
        }
    }

    public String get(Key k) {
        return values.getOrDefault(k.key(), k.defaultValue());
    }

    public long getLong(Key k) {
        try {
            return Long.parseLong(get(k));
        } catch (NumberFormatException e) {
            throw OmniException.invalid(file + ": " + k.key() + " must be a number, not '" + get(k) + "'");
        }
    }

    public boolean getBoolean(Key k) {
        return Boolean.parseBoolean(get(k));
    }

    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Key k : Key.values()) {
            out.put(k.key(), get(k));
        }
        values.forEach(out::putIfAbsent);
        return out;
    }

    /** Sets (or, with null, removes) a setting and writes the file. */
    public void set(Key k, String value) {
        if (value == null) {
            values.remove(k.key());
        } else {
            if (!k.defaultValue().isEmpty() && k.defaultValue().chars().allMatch(Character::isDigit)
                    && !value.chars().allMatch(Character::isDigit)) {
                throw OmniException.invalid(k.key() + " must be a whole number");
            }
            if ((k.defaultValue().equals("true") || k.defaultValue().equals("false")) && !value.equals("true") && !value.equals("false")) {
                throw OmniException.invalid(k.key() + " must be true or false");
            }
            values.put(k.key(), value);
        }
        save();
    }

    private void save() {
        StringBuilder b = new StringBuilder("# omni settings (omni config set KEY VALUE)\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            boolean bare = v.equals("true") || v.equals("false") || (!v.isEmpty() && v.chars().allMatch(Character::isDigit));
            b.append(e.getKey()).append(" = ").append(bare ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("config.toml.tmp");
            Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
