package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.diff.Change;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.desktop.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    HistoryViewModel vm;

    @BeforeEach
    void setUp() {
        t = TestApp.sync(dir);
        vm = new HistoryViewModel(t.app);
        vm.load(t.seeded.main());
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void theTimelineIsTheWorkspaceHistoryNewestFirstWithSourcesAndSizes() {
        assertThat(vm.snapshots()).extracting(SnapshotRow::message).containsExactly("(no message)", "cart: discounts",
                "catalogue: cocoa", "(no message)", "cart: quantities and a total", "initial import");
        assertThat(vm.snapshots()).extracting(SnapshotRow::source).containsExactly("daemon", "cli", "gui", "daemon", "cli", "cli");
        assertThat(vm.snapshots().get(1).author()).isEqualTo("ann");
        assertThat(vm.snapshots().get(1).size()).matches("6 files · \\d+ B");
        assertThat(vm.selectedProperty().get()).isEqualTo(vm.snapshots().get(0));
    }

    @Test
    void choosingASnapshotShowsWhatItChangedAndItsDiffWithWordHighlights() {
        vm.select("cart: discounts");

        assertThat(vm.changes()).extracting(Change::path).containsExactly("src/cart.py");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 changed: 0 added, 1 modified, 0 deleted");
        DiffModel d = vm.diffProperty().get();
        assertThat(d.path()).isEqualTo("src/cart.py");
        assertThat(d.added()).isEqualTo(3);
        assertThat(d.removed()).isEqualTo(1);
        DiffModel.UnifiedRow removed = d.unified().stream().filter(r -> r.kind() == DiffModel.Kind.REMOVED).findFirst().orElseThrow();
        assertThat(removed.text()).contains("return sum(price(n)");
        assertThat(removed.oldLine()).isEqualTo(12);
        assertThat(removed.segments()).anySatisfy(s -> assertThat(s.changed()).isTrue());
        assertThat(d.split()).anySatisfy(r -> {
            assertThat(r.left().kind()).isEqualTo(DiffModel.Kind.REMOVED);
            assertThat(r.right().kind()).isEqualTo(DiffModel.Kind.ADDED);
        });
    }

    @Test
    void anyTwoSnapshotsOrTheWorkingCopyCanBeCompared() {
        vm.select("initial import");
        vm.choose(CompareTarget.of(vm.snapshots().get(5).snapshot()), CompareTarget.of(vm.snapshots().get(1).snapshot()));
        assertThat(vm.changes()).extracting(Change::path).containsExactly("src/cart.py", "src/catalog.py", "tests/test_cart.py");

        vm.select("(no message)");
        vm.compareWithWorkingCopy();
        assertThat(vm.toProperty().get()).isEqualTo(CompareTarget.WORKING_COPY);
        assertThat(vm.changes()).extracting(Change::path).containsExactly("src/app.py");
        assertThat(vm.diffProperty().get().unified()).anySatisfy(r -> assertThat(r.text()).contains("cocoa"));
    }

    @Test
    void theFileTreeAndAFileOfASnapshot() {
        vm.select("initial import");
        FileNode root = vm.filesProperty().get();
        assertThat(root.children()).extracting(FileNode::name).contains("src", "README.md", "Makefile");
        vm.selectedFileProperty().set(root.find("src/cart.py"));

        DiffModel preview = vm.previewProperty().get();
        assertThat(preview.unified().get(0).text()).isEqualTo("class Cart:");
        assertThat(preview.unified().get(0).newLine()).isEqualTo(1);
    }

    @Test
    void restoringAFileAsksFirstSaysASafetySnapshotIsTakenAndTakesIt() throws Exception {
        Path app = t.seeded.main().localPath().resolve("src/app.py");
        String edited = Files.readString(app);
        vm.select("initial import");

        vm.restoreFile("src/cart.py");
        Confirmation c = t.app.dialogs().pendingProperty().get();
        assertThat(c.text()).contains("safety snapshot");
        assertThat(Files.readString(t.seeded.main().localPath().resolve("src/cart.py"))).contains("discount");
        t.app.dialogs().accept();

        assertThat(Files.readString(t.seeded.main().localPath().resolve("src/cart.py"))).contains("self.items = []");
        assertThat(Files.readString(app)).isEqualTo(edited);
        assertThat(t.notice()).contains("Restored src/cart.py").contains("safety snapshot");
        var ws = new WorkspaceService(t.omni).find(t.seeded.main().id()).orElseThrow();
        Snapshot safety = new SnapshotService(t.omni).get(ws.currentSnapshot());
        assertThat(safety.source()).isEqualTo("gui");
        assertThat(safety.message()).startsWith("safety snapshot before restoring");
    }

    @Test
    void restoringAWholeSnapshotCanBeDeclined() throws Exception {
        vm.select("initial import");
        vm.restoreSnapshot();
        t.app.dialogs().dismiss();

        assertThat(t.seeded.main().localPath().resolve("tests/test_cart.py")).exists();
        vm.restoreSnapshot();
        t.app.dialogs().accept();
        assertThat(t.seeded.main().localPath().resolve("tests/test_cart.py")).doesNotExist();
    }
}
