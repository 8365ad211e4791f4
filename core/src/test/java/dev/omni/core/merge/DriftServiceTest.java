package dev.omni.core.merge;

import static dev.omni.core.merge.Forks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How two workspaces diverged since their merge base, with and without uncommitted changes. */
class DriftServiceTest {
    @TempDir
    Path dir;
    Forks f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Forks(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private DriftService.Report drift(boolean dirty) {
        return new DriftService(f.omni).compute(f.main(), f.feature(), dirty, Warnings.IGNORE, Progress.NONE);
    }

    @Test
    void twoWorkspacesRightAfterAForkHaveNotDrifted() {
        DriftService.Report r = drift(true);
        assertThat(r.drifted()).isFalse();
        assertThat(r.base()).isEqualTo(f.main().currentSnapshot());
        assertThat(r.added() + r.modified() + r.deleted()).isZero();
    }

    /** Where one changed path is listed, by who changed it how. */
    static Stream<Arguments> classification() {
        Consumer<Forks> none = x -> { };
        return Stream.of(
                Arguments.of("changed only here", (Consumer<Forks>) x -> write(x.mainDir, "b.txt", "main\n"), none,
                        "oursOnly", false),
                Arguments.of("changed only there", none, (Consumer<Forks>) x -> write(x.featureDir, "b.txt", "feature\n"),
                        "theirsOnly", false),
                Arguments.of("changed the same way on both", (Consumer<Forks>) x -> write(x.mainDir, "b.txt", "same\n"),
                        (Consumer<Forks>) x -> write(x.featureDir, "b.txt", "same\n"), "bothSame", false),
                Arguments.of("changed differently, mergeable", (Consumer<Forks>) x -> write(x.mainDir, "b.txt", "b\nmain\n"),
                        (Consumer<Forks>) x -> write(x.featureDir, "b.txt", "feature\nb\n"), "bothDifferent", false),
                Arguments.of("changed differently, overlapping", (Consumer<Forks>) x -> write(x.mainDir, "b.txt", "main\n"),
                        (Consumer<Forks>) x -> write(x.featureDir, "b.txt", "feature\n"), "bothDifferent", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classification")
    void aChangedPathIsListedByWhoChangedItAndHow(String name, Consumer<Forks> here, Consumer<Forks> there, String list,
                                                  boolean conflict) {
        here.accept(f);
        f.snapshot(f.main());
        there.accept(f);
        f.snapshot(f.feature());

        DriftService.Report r = drift(false);

        assertThat(r.drifted()).isEqualTo(!list.equals("bothSame"));
        assertThat(switch (list) {
            case "oursOnly" -> r.oursOnly();
            case "theirsOnly" -> r.theirsOnly();
            case "bothSame" -> r.bothSame();
            default -> r.bothDifferent();
        }).containsExactly("b.txt");
        assertThat(r.oursOnly().size() + r.theirsOnly().size() + r.bothSame().size() + r.bothDifferent().size()).isEqualTo(1);
        assertThat(r.conflicts()).isEqualTo(conflict ? List.of("b.txt") : List.of());
        assertThat(r.modified()).isEqualTo(1);
    }

    @Test
    void uncommittedChangesCountUnlessLeftOut() {
        write(f.featureDir, "b.txt", "b feature\n");
        write(f.featureDir, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        f.snapshot(f.feature());
        write(f.mainDir, "keep.txt", "main\n");
        write(f.mainDir, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        f.snapshot(f.main());
        write(f.mainDir, "dirty.txt", "not snapshotted\n");

        DriftService.Report r = drift(true);

        assertThat(r.dirty()).isTrue();
        assertThat(r.oursOnly()).containsExactly("dirty.txt", "keep.txt");
        assertThat(r.theirsOnly()).containsExactly("b.txt");
        assertThat(r.bothDifferent()).containsExactly("a.txt");
        assertThat(r.conflicts()).containsExactly("a.txt");
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.modified()).isEqualTo(3);
        assertThat(r.bytesChanged()).isEqualTo("not snapshotted\n".length() + "main\n".length() + "b feature\n".length()
                + "1\n2\nmain\n4\n5\n6\n7\n8\n9\n".length());

        DriftService.Report clean = drift(false);
        assertThat(clean.dirty()).isFalse();
        assertThat(clean.oursOnly()).containsExactly("keep.txt");
        assertThat(clean.added()).isZero();
    }

    @Test
    void aDriftReportIsStoredAndLoggedAComputedOneIsNot() {
        write(f.featureDir, "b.txt", "feature\n");
        f.snapshot(f.feature());
        long before = TestHomes.count(f.omni, "SELECT count(*) FROM drift_reports");
        drift(true);
        assertThat(TestHomes.count(f.omni, "SELECT count(*) FROM drift_reports")).isEqualTo(before);

        DriftService.Report r = new DriftService(f.omni).drift(f.main(), f.feature(), true, "tester", Warnings.IGNORE, Progress.NONE);

        assertThat(TestHomes.count(f.omni, "SELECT count(*) FROM drift_reports WHERE id = ?", r.id())).isEqualTo(1);
        assertThat(TestHomes.count(f.omni, "SELECT count(*) FROM activity WHERE type = 'drift.reported'")).isEqualTo(1);
    }

    @Test
    void aWorkspaceDoesNotDriftFromItself() {
        assertThatThrownBy(() -> new DriftService(f.omni).compute(f.main(), f.main(), true, Warnings.IGNORE, Progress.NONE))
                .isInstanceOf(OmniException.class).hasMessageContaining("does not drift from itself");
    }
}
