package dev.omni.core.merge;

import static dev.omni.core.merge.Forks.NINE;
import static dev.omni.core.merge.Forks.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.merge.MergeService.Kind;
import dev.omni.core.merge.TreeMerge.Strategy;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging one workspace into another as the use case runs it: the safety snapshot, the working
 * copy rewritten, the merge snapshot with two parents, conflicts that wait for continue or abort.
 * The path-by-path rules are {@link TreeMergeTest}'s.
 */
class MergeServiceTest {
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

    private Set<String> skip() {
        return Set.of(".omni");
    }

    @Test
    void aCleanMergeRewritesTheWorkingCopyAndRecordsOneSnapshotWithBothParents() {
        write(f.featureDir, "b.txt", "b from feature\n");
        Snapshot theirs = f.snapshot(f.feature());
        write(f.mainDir, "keep.txt", "keep, edited on main\n");
        Snapshot ours = f.snapshot(f.main());

        MergeService.Outcome o = f.merge(Strategy.MANUAL);

        assertThat(o.kind()).isEqualTo(Kind.MERGED);
        assertThat(f.mainDir.resolve("b.txt")).hasContent("b from feature\n");
        assertThat(f.mainDir.resolve("keep.txt")).hasContent("keep, edited on main\n");
        Snapshot merged = f.head(f.main());
        assertThat(merged.id()).isEqualTo(o.snapshot());
        assertThat(merged.parents()).containsExactly(ours.id(), theirs.id());
        assertThat(merged.source()).isEqualTo("merge");
        assertThat(new SnapshotService(f.omni).status(f.main(), Warnings.IGNORE, Progress.NONE).clean()).isTrue();
        assertThat(new MergeService(f.omni).state(f.main())).isEmpty();
        assertThat(f.main().mergeHistory()).contains(f.feature().id(), theirs.id().value());
    }

    @Test
    void conflictsWaitWithMarkersUntilContinueWhichRefusesWhileMarkersRemain() throws Exception {
        write(f.featureDir, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        Snapshot theirs = f.snapshot(f.feature());
        write(f.mainDir, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        Snapshot ours = f.snapshot(f.main());

        MergeService.Outcome o = f.merge(Strategy.MANUAL);

        assertThat(o.kind()).isEqualTo(Kind.CONFLICTS);
        assertThat(o.result().conflicts()).extracting(TreeMerge.Conflict::path).containsExactly("a.txt");
        assertThat(f.mainDir.resolve("a.txt"))
                .hasContent("1\n2\n<<<<<<< ours (main)\nmain\n=======\nfeature\n>>>>>>> theirs (feature)\n4\n5\n6\n7\n8\n9\n");
        assertThat(new MergeService(f.omni).state(f.main())).isPresent();
        assertThatThrownBy(() -> f.snapshot(f.main())).isInstanceOf(OmniException.class)
                .hasFieldOrPropertyWithValue("kind", OmniException.Kind.CONFLICT);
        assertThatThrownBy(() -> new MergeService(f.omni).continueMerge(f.main(), "tester", Warnings.IGNORE, Progress.NONE))
                .isInstanceOf(OmniException.class).hasMessageContaining("still have conflict markers: a.txt");

        write(f.mainDir, "a.txt", "1\n2\nboth\n4\n5\n6\n7\n8\n9\n");
        MergeService.Outcome done = new MergeService(f.omni).continueMerge(f.main(), "tester", Warnings.IGNORE, Progress.NONE);

        assertThat(done.kind()).isEqualTo(Kind.MERGED);
        assertThat(f.head(f.main()).parents()).containsExactly(ours.id(), theirs.id());
        assertThat(f.mainDir.resolve("a.txt")).hasContent("1\n2\nboth\n4\n5\n6\n7\n8\n9\n");
        assertThat(new MergeService(f.omni).state(f.main())).isEmpty();
    }

    @Test
    void aSecondMergeUsesTheLastMergedSnapshotAsItsBase() {
        write(f.featureDir, "a.txt", "1\nfeature-1\n3\n4\n5\n6\n7\n8\n9\n");
        Snapshot first = f.snapshot(f.feature());
        write(f.mainDir, "keep.txt", "main-1\n");
        f.snapshot(f.main());
        assertThat(f.merge(Strategy.MANUAL).kind()).isEqualTo(Kind.MERGED);

        // Feature changes the same line again; main leaves it alone: no conflict, since the base moved.
        write(f.featureDir, "a.txt", "1\nfeature-2\n3\n4\n5\n6\n7\n8\n9\n");
        Snapshot second = f.snapshot(f.feature());
        write(f.mainDir, "b.txt", "main-2\n");
        f.snapshot(f.main());
        MergeService.Outcome o = f.merge(Strategy.MANUAL);

        assertThat(o.kind()).isEqualTo(Kind.MERGED);
        assertThat(o.base()).isEqualTo(first.id());
        assertThat(f.mainDir.resolve("a.txt")).hasContent("1\nfeature-2\n3\n4\n5\n6\n7\n8\n9\n");
        assertThat(f.main().mergeHistory()).contains(second.id().value());
    }

    @Test
    void aWorkspaceThatIsBehindFastForwardsAndIsThenUpToDate() {
        write(f.featureDir, "b.txt", "ahead\n");
        write(f.featureDir, "sub/new.txt", "new\n");
        Snapshot theirs = f.snapshot(f.feature());

        MergeService.Outcome o = f.merge(Strategy.MANUAL);

        assertThat(o.kind()).isEqualTo(Kind.FAST_FORWARD);
        FileTrees.assertSameTree(f.featureDir, f.mainDir, skip());
        assertThat(f.main().currentSnapshot()).isEqualTo(theirs.id());
        assertThat(f.merge(Strategy.MANUAL).kind()).isEqualTo(Kind.UP_TO_DATE);
    }

    @Test
    void aDirtyWorkingCopyIsSnapshottedFirstAndNeverClobbered() {
        write(f.featureDir, "b.txt", "feature\n");
        f.snapshot(f.feature());
        write(f.mainDir, "keep.txt", "uncommitted on main\n");
        write(f.mainDir, "draft.txt", "an uncommitted new file\n");

        MergeService.Outcome o = f.merge(Strategy.MANUAL);

        assertThat(f.mainDir.resolve("keep.txt")).hasContent("uncommitted on main\n");
        assertThat(f.mainDir.resolve("draft.txt")).hasContent("an uncommitted new file\n");
        assertThat(f.mainDir.resolve("b.txt")).hasContent("feature\n");
        assertThat(o.safety()).isNotNull();
        Path out = dir.resolve("safety");
        new RestoreService(f.omni).restoreToDirectory(new SnapshotService(f.omni).get(o.safety()), List.of(), out, false, false,
                Progress.NONE);
        assertThat(out.resolve("draft.txt")).hasContent("an uncommitted new file\n");
        assertThat(out.resolve("b.txt")).hasContent("b\n");
    }

    @Test
    void abortPutsBackExactlyThePreMergeTreeAndKeepsWhatWasBeingResolved() throws Exception {
        write(f.featureDir, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        write(f.featureDir, "added.txt", "added\n");
        Files.write(f.featureDir.resolve("img.bin"), new byte[] {5});
        f.snapshot(f.feature());
        write(f.mainDir, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        Files.write(f.mainDir.resolve("img.bin"), new byte[] {6});
        write(f.mainDir, "uncommitted.txt", "mine\n");
        var before = FileTrees.describe(f.mainDir, p -> !p.equals(".omni") && !p.startsWith(".omni/"));
        assertThat(f.merge(Strategy.MANUAL).kind()).isEqualTo(Kind.CONFLICTS);
        write(f.mainDir, "a.txt", "half resolved\n");

        MergeService.Outcome o = new MergeService(f.omni).abort(f.main(), "tester", Warnings.IGNORE, Progress.NONE);

        assertThat(o.kind()).isEqualTo(Kind.ABORTED);
        assertThat(FileTrees.describe(f.mainDir, p -> !p.equals(".omni") && !p.startsWith(".omni/"))).isEqualTo(before);
        assertThat(new MergeService(f.omni).state(f.main())).isEmpty();
        Path kept = dir.resolve("kept");
        new RestoreService(f.omni).restoreToDirectory(new SnapshotService(f.omni).get(o.safety()), List.of(), kept, false, false,
                Progress.NONE);
        assertThat(kept.resolve("a.txt")).hasContent("half resolved\n");
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndChangesNothing() throws Exception {
        write(f.featureDir, "b.txt", "b from feature\n");
        f.snapshot(f.feature());
        write(f.mainDir, "keep.txt", "main\n");
        Snapshot ours = f.snapshot(f.main());
        var before = FileTrees.describe(f.mainDir, p -> true);

        MergeService.Outcome o = new MergeService(f.omni).merge(f.main(), f.feature(), Strategy.MANUAL, true, "tester",
                Warnings.IGNORE, Progress.NONE);

        assertThat(o.kind()).isEqualTo(Kind.DRY_RUN);
        assertThat(o.result().changes()).containsEntry("b.txt", TreeMerge.Outcome.ONLY_THEIRS)
                .containsEntry("keep.txt", TreeMerge.Outcome.ONLY_OURS);
        assertThat(FileTrees.describe(f.mainDir, p -> true)).isEqualTo(before);
        assertThat(f.main().currentSnapshot()).isEqualTo(ours.id());
    }

    @Test
    void anExecutableBitChangedOnOneSideReachesTheWorkingCopy() {
        FileTrees.setExecutable(f.featureDir.resolve("keep.txt"));
        f.snapshot(f.feature());
        write(f.mainDir, "b.txt", "b on main\n");
        f.snapshot(f.main());

        assertThat(f.merge(Strategy.MANUAL).kind()).isEqualTo(Kind.MERGED);

        assertThat(f.mainDir.resolve("keep.txt")).hasContent("keep\n");
        assertThat(f.mainDir.resolve("keep.txt").toFile().canExecute()).isTrue();
        assertThat(f.mainDir.resolve("a.txt")).hasContent(NINE);
    }

    @Test
    void mergingAWorkspaceIntoItselfOrFromAnotherProjectOrTwiceAtOnceIsRefused() throws Exception {
        assertThatThrownBy(() -> new MergeService(f.omni).merge(f.main(), f.main(), Strategy.MANUAL, false, "t", Warnings.IGNORE,
                Progress.NONE)).isInstanceOf(OmniException.class).hasMessageContaining("into itself");
        Path other = Files.createDirectories(dir.resolve("other"));
        write(other, "o.txt", "o\n");
        var elsewhere = new WorkspaceLifecycle(f.omni).init(other, "other", null, "t", SnapshotService.Options.of("o", "cli"),
                Warnings.IGNORE, Progress.NONE).workspace();
        assertThatThrownBy(() -> new MergeService(f.omni).merge(f.main(), elsewhere, Strategy.MANUAL, false, "t", Warnings.IGNORE,
                Progress.NONE)).isInstanceOf(OmniException.class).hasMessageContaining("another project");

        write(f.featureDir, "a.txt", "1\n2\nfeature\n4\n5\n6\n7\n8\n9\n");
        f.snapshot(f.feature());
        write(f.mainDir, "a.txt", "1\n2\nmain\n4\n5\n6\n7\n8\n9\n");
        f.snapshot(f.main());
        assertThat(f.merge(Strategy.MANUAL).kind()).isEqualTo(Kind.CONFLICTS);
        assertThatThrownBy(() -> f.merge(Strategy.MANUAL)).isInstanceOf(OmniException.class)
                .hasMessageContaining("already in progress");
    }
}
