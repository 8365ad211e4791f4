package dev.omni.core.testing;

import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.home.OmniHome;
import dev.omni.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A throw-away omni world under one temporary directory: the store ({@code home/}), a user home
 * ({@code user/}, where agents keep their transcripts) and a working directory ({@code work/}), with
 * a clock the test moves and TZ=UTC.
 */
public final class TestHome {
    public final Path root;
    public final Path home;
    public final Path userHome;
    public final Path work;
    public final TestClock clock;

    public TestHome(Path root) {
        this.root = root;
        this.home = root.resolve("home");
        this.userHome = root.resolve("user");
        this.work = root.resolve("work");
        this.clock = TestClock.at("2026-11-21T10:00:00Z");
        try {
            Files.createDirectories(userHome);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a command run in {@code cwd}: OMNI_HOME set, TZ=UTC, no colour. */
    public Env env(Path cwd) {
        Map<String, String> vars = new HashMap<>();
        vars.put("OMNI_HOME", home.toString());
        vars.put("TZ", "UTC");
        vars.put("NO_COLOR", "1");
        vars.put("OMNI_AUTHOR", "tester");
        return new Env(vars, cwd, userHome, clock, "tester");
    }

    public Env env() {
        return env(work);
    }

    /** The store, opened; close it (try-with-resources). */
    public Omni open() {
        return Omni.at(env(), OmniHome.at(home));
    }
}
