package dev.omni.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What omni reads from its surroundings: environment variables, the working directory, the clock
 * and the user. Injected everywhere instead of read from {@link System}, so that tests can run many
 * omni homes, directories and times in one JVM.
 */
public record Env(Map<String, String> vars, Path cwd, Path userHome, Clock clock, String userName) {
    public Env {
        vars = Map.copyOf(vars);
        cwd = cwd.toAbsolutePath().normalize();
    }

    public static Env system() {
        return new Env(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC(), System.getProperty("user.name", "unknown"));
    }

    public String get(String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The time zone people read times in: {@code $TZ} when it names one, else the system's. */
    public java.time.ZoneId zone() {
        String tz = get("TZ");
        try {
            return tz == null ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneId.systemDefault();
        }
    }

    public Env withCwd(Path dir) {
        return new Env(vars, dir, userHome, clock, userName);
    }

    public Env withClock(Clock c) {
        return new Env(vars, cwd, userHome, c, userName);
    }

    public Env withVar(String name, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(vars);
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return new Env(m, cwd, userHome, clock, userName);
    }
}
