package dev.omni.core;

import dev.omni.core.home.OmniHome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** An omni home in a temp directory with an environment of its own. */
public final class TestHomes {
    private TestHomes() {
    }

    public static Env env(Path cwd) {
        return new Env(Map.of("OMNI_AUTHOR", "tester"), cwd, cwd, Clock.systemUTC(), "tester");
    }

    /** The first column of the first row of {@code sql}, as a long. */
    public static long count(Omni omni, String sql, Object... args) {
        return omni.db().read(c -> dev.omni.core.store.Database.queryLong(c, sql, -1, args));
    }

    public static Omni open(Path home, Path cwd) {
        return Omni.at(env(cwd), OmniHome.at(home));
    }
}
