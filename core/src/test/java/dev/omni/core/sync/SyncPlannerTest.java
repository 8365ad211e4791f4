package dev.omni.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.testing.TestHome;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one answer to "what does a sync have to do", from the store alone. */
class SyncPlannerTest {
    private static final String SERVER = "https://omni.example.org";

    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;
    Project project;
    Workspace main;
    Workspace feature;

    @BeforeEach
    void open() throws Exception {
        t = new TestHome(tmp);
        omni = t.open();
        Path root = t.work.resolve("app");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.txt"), "a\n");
        WorkspaceLifecycle life = new WorkspaceLifecycle(omni);
        var init = life.init(root, "app", null, "test", SnapshotService.Options.of("first", "test"), Warnings.IGNORE, Progress.NONE);
        project = init.project();
        main = reload(init.workspace());
        feature = life.create(project, "feature", init.snapshot(), t.work.resolve("app-feature"), "test", Progress.NONE);
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private Workspace reload(Workspace w) {
        return new WorkspaceService(omni).find(w.id()).orElseThrow();
    }

    private static List<String> names(List<Workspace> ws) {
        return ws.stream().map(Workspace::name).sorted().toList();
    }

    @Test
    void loggedOutNothingCanBePushedOrPulledButTheChangesWaitingAreCounted() {
        new MemoryService(omni).add(MemoryService.NewItem.of(null, MemoryType.FACT, "The API listens on 8080"));
        SyncPlan plan = new SyncPlanner(omni).plan(null);
        assertThat(plan.toPush()).isEmpty();
        assertThat(plan.toPull()).isEmpty();
        assertThat(plan.changesWaiting()).isEqualTo(new Outbox(omni).unpushed()).isPositive();
        assertThat(plan.nothingToPush()).isFalse();
    }

    @Test
    void aWorkspaceOfThisMachineIsPushedUntilTheServerHasItsHead() {
        SyncState state = new SyncState(omni, SERVER);
        assertThat(names(new SyncPlanner(omni).plan(SERVER).toPush())).containsExactly("feature", "main");

        state.setHead(main.id(), 1, main.currentSnapshot().value());
        assertThat(names(new SyncPlanner(omni).plan(SERVER).toPush())).containsExactly("feature");

        state.setHead(feature.id(), 1, feature.currentSnapshot().value());
        assertThat(names(new SyncPlanner(omni).plan(SERVER).toPush())).isEmpty();
        // The head there is another one (older, or pushed from elsewhere): this one is pushed.
        state.setHead(main.id(), 2, "snap-01JZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(names(new SyncPlanner(omni).plan(SERVER).toPush())).containsExactly("main");
        assertThat(names(new SyncPlanner(omni).plan("https://other.example.org").toPush()))
                .as("another server knows nothing of these heads").containsExactly("feature", "main");
    }

    @Test
    void anotherMachinesWorkspaceIsNeverPushedFromHere() {
        SyncState state = new SyncState(omni, SERVER);
        state.adoptWorkspaces(project, List.of(new RemoteWorkspace("01JOTHERMACHINEWORKSPACE00", project.id(), "laptop",
                "01JOTHERMACHINE00000000000", null, null, null, null, 1)));
        assertThat(new WorkspaceService(omni).workspaces(project.id())).extracting(Workspace::name).contains("laptop");
        assertThat(names(new SyncPlanner(omni).plan(SERVER).toPush())).containsExactly("feature", "main");
        assertThat(new SyncPlanner(omni).localWorkspaces()).extracting(Workspace::name).containsExactlyInAnyOrder("main", "feature");
    }

    @Test
    void aProjectIsPulledOnceItIsOnTheServer() {
        assertThat(new SyncPlanner(omni).plan(SERVER).toPull()).isEmpty();
        new SyncState(omni, SERVER).addProject(project.id());
        assertThat(new SyncPlanner(omni).plan(SERVER).toPull()).extracting(Project::id).containsExactly(project.id());
        assertThat(new SyncPlanner(omni).plan("https://other.example.org").toPull()).isEmpty();
    }
}
