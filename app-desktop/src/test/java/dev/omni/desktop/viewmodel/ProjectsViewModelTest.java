package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.desktop.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectsViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    ProjectsViewModel vm;

    @BeforeEach
    void setUp() {
        t = TestApp.sync(dir);
        vm = new ProjectsViewModel(t.app);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void refreshListsProjectsAndTheWorkspacesOfTheFirstWithTheirState() {
        vm.refresh();

        assertThat(vm.projects()).extracting(p -> p.name()).containsExactlyInAnyOrder("webshop", "field-notes");
        vm.selectProject(t.seeded.projectId());
        assertThat(vm.workspaces()).extracting(WorkspaceRow::name).containsExactly("main", "checkout");
        WorkspaceRow main = vm.workspaces().get(0);
        WorkspaceRow checkout = vm.workspaces().get(1);
        assertThat(main.isMain()).isTrue();
        assertThat(main.driftProperty().get().level()).isEqualTo(WorkspaceRow.Drift.MAIN);
        assertThat(main.changesProperty().get()).isEqualTo("1 modified");
        assertThat(main.snapshot()).startsWith(t.seeded.main().currentSnapshot().abbrev()).contains("6 files");
        assertThat(checkout.changesProperty().get()).isEqualTo("no local changes");
        assertThat(checkout.driftProperty().get().level()).isEqualTo(WorkspaceRow.Drift.CONFLICTS);
        assertThat(checkout.driftProperty().get().text()).contains("1 conflicting");
        assertThat(vm.syncStateProperty().get()).startsWith("Not logged in").contains("last push never");
    }

    @Test
    void theBadgeDoesNotFillTheActivityLogButTheChosenProjectIsRemembered() {
        int before = activityCount();
        vm.refresh();
        vm.selectProject(t.seeded.projectId());

        assertThat(activityCount()).isEqualTo(before);
        assertThat(t.app.prefs().lastProject).isEqualTo(t.seeded.projectId());
    }

    @Test
    void snapshotAsksForAMessageAndRecordsAGuiSnapshot() {
        vm.refresh();
        vm.selectProject(t.seeded.projectId());
        vm.selectWorkspace("main");

        vm.snapshot();
        assertThat(t.app.dialogs().promptProperty().get()).isNotNull();
        t.app.dialogs().answer("from the window");

        Workspace main = new WorkspaceService(t.omni).find(t.seeded.main().id()).orElseThrow();
        Snapshot head = new SnapshotService(t.omni).get(main.currentSnapshot());
        assertThat(head.source()).isEqualTo("gui");
        assertThat(head.message()).isEqualTo("from the window");
        assertThat(t.notice()).startsWith("Snapshot " + head.id().abbrev() + " recorded");
        assertThat(vm.workspaces().get(0).changesProperty().get()).isEqualTo("no local changes");
    }

    @Test
    void forkCreatesAWorkspaceBesideTheChosenOne() {
        vm.refresh();
        vm.selectProject(t.seeded.projectId());
        vm.selectWorkspace("main");

        vm.fork();
        t.app.dialogs().answer("spike");

        Path forked = t.seeded.work().resolve("webshop-spike");
        assertThat(forked.resolve("src/cart.py")).exists();
        assertThat(Files.exists(forked.resolve(".omni/workspace.json"))).isTrue();
        assertThat(vm.workspaces()).extracting(WorkspaceRow::name).contains("spike");
    }

    @Test
    void aFailureShowsItsMessageInTheWindow() {
        vm.refresh();
        vm.selectProject(t.seeded.projectId());
        vm.selectWorkspace("checkout");

        vm.rename();
        t.app.dialogs().answer("main");

        assertThat(t.app.notifications().current().level()).isEqualTo(Notifications.Level.ERROR);
        assertThat(t.notice()).isEqualTo("this project already has a workspace named 'main'");
    }

    @Test
    void removeAsksFirstAndKeepsTheFiles() {
        vm.refresh();
        vm.selectProject(t.seeded.projectId());
        vm.selectWorkspace("checkout");

        vm.remove();
        Confirmation c = t.app.dialogs().pendingProperty().get();
        assertThat(c.text()).contains("snapshots stay");
        t.app.dialogs().accept();

        assertThat(vm.workspaces()).extracting(WorkspaceRow::name).containsExactly("main");
        assertThat(t.seeded.feature().localPath().resolve("src/checkout.py")).exists();
    }

    private int activityCount() {
        return new dev.omni.core.activity.ActivityService(t.omni).list(null, 10_000).size();
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<WorkspaceRow> rows) {
        return rows.stream().map(WorkspaceRow::name).toList();
    }
}
