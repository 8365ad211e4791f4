package dev.omni.desktop.demo;

import dev.omni.core.Omni;
import dev.omni.core.workspace.Workspace;
import java.time.Duration;
import java.util.function.Consumer;

/** The demo's memory items and conversation (once the memory and conversation services exist). */
final class DemoKnowledge {
    private DemoKnowledge() {
    }

    static void seed(Omni omni, String projectId, Workspace main, Consumer<Duration> step) {
        // filled in with the memory and conversation services
    }
}
