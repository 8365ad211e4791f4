package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.desktop.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    DriftViewModel vm;

    @BeforeEach
    void setUp() {
        t = TestApp.sync(dir);
        vm = new DriftViewModel(t.app);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void driftAgainstMainListsTheConflictCandidatesFirst() {
        vm.load(t.seeded.feature());

        assertThat(vm.otherProperty().get().name()).isEqualTo("main");
        assertThat(vm.entries().get(0)).isEqualTo(new DriftViewModel.Entry("src/cart.py",
                "conflict: changed on both sides, overlapping", true));
        assertThat(vm.entries()).extracting(DriftViewModel.Entry::path).contains("src/checkout.py", "Makefile");
        assertThat(vm.summaryProperty().get()).contains("1 conflicting");
        assertThat(vm.mergingProperty().get()).isFalse();
    }

    @Test
    void aMergeWithConflictsShowsThemAndCanBeAborted() throws Exception {
        vm.load(t.seeded.feature());

        vm.startMerge();
        assertThat(t.app.dialogs().pendingProperty().get().text()).contains("safety snapshot");
        t.app.dialogs().accept();

        assertThat(vm.mergingProperty().get()).isTrue();
        assertThat(vm.conflicts()).containsExactly("src/cart.py  (content)");
        assertThat(t.notice()).contains("stopped with 1 conflict:");
        Path cart = t.seeded.feature().localPath().resolve("src/cart.py");
        assertThat(Files.readString(cart)).contains("<<<<<<<");

        vm.abortMerge();
        t.app.dialogs().accept();
        assertThat(vm.mergingProperty().get()).isFalse();
        assertThat(Files.readString(cart)).doesNotContain("<<<<<<<");
    }

    @Test
    void continuingWithMarkersLeftSaysWhichFiles() {
        vm.load(t.seeded.feature());
        vm.startMerge();
        t.app.dialogs().accept();

        vm.continueMerge();

        assertThat(t.notice()).contains("conflict markers").contains("src/cart.py");
        assertThat(vm.mergingProperty().get()).isTrue();
    }
}
