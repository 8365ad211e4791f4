package dev.omni.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreServiceTest {
    @TempDir
    Path dir;
    Path ws;
    Omni omni;
    Workspace workspace;
    SnapshotService snaps;
    RestoreService restore;

    @BeforeEach
    void init() {
        ws = dir.resolve("ws");
        FileTrees.edgeCases(ws, 3_000_000);
        omni = TestHomes.open(dir.resolve("home"), ws);
        workspace = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(ws, "p", null, "test").workspace();
        snaps = new SnapshotService(omni);
        restore = new RestoreService(omni);
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private Workspace fresh() {
        return new WorkspaceService(omni).find(workspace.id()).orElseThrow();
    }

    private Snapshot take() {
        return snaps.take(fresh(), new SnapshotService.Options("t", "cli", true, null), Warnings.IGNORE, Progress.NONE).snapshot();
    }

    @Test
    void restoringIntoAnEmptyDirectoryReproducesTheTreeExactly() {
        Snapshot s = take();
        Path out = dir.resolve("out");
        restore.restoreToDirectory(s, List.of(), out, false, false, Progress.NONE);
        FileTrees.assertSameTree(ws, out, FileTrees.skipForEdgeCases());
    }

    @Test
    void aNonEmptyTargetIsRefusedUnlessForced() throws Exception {
        Snapshot s = take();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("mine.txt"), "keep me");
        assertThatThrownBy(() -> restore.restoreToDirectory(s, List.of(), out, false, false, Progress.NONE))
                .isInstanceOf(OmniException.class).hasMessageContaining("not empty");
        assertThat(out.resolve("plain.txt")).doesNotExist();
        restore.restoreToDirectory(s, List.of(), out, true, false, Progress.NONE);
        assertThat(out.resolve("mine.txt")).hasContent("keep me");
        assertThat(out.resolve("plain.txt")).exists();
    }

    @Test
    void restoringTheWorkingCopyTakesASafetySnapshotFirstAndLosesNothing() throws Exception {
        Snapshot before = take();
        Path copyOfBefore = dir.resolve("before");
        restore.restoreToDirectory(before, List.of(), copyOfBefore, false, false, Progress.NONE);
        Files.writeString(ws.resolve("plain.txt"), "edited after the snapshot\n");
        Files.writeString(ws.resolve("added.txt"), "new file\n");
        Files.delete(ws.resolve("empty.txt"));
        Files.writeString(ws.resolve("a.log"), "ignored, must survive\n");

        RestoreService.Result r = restore.restoreToWorkspace(fresh(), before, List.of(), false, "cli", Warnings.IGNORE, Progress.NONE);

        FileTrees.assertSameTree(copyOfBefore, ws, FileTrees.skipForEdgeCases());
        assertThat(ws.resolve("a.log")).hasContent("ignored, must survive\n");
        assertThat(ws.resolve("added.txt")).doesNotExist();
        // The safety snapshot has the edits.
        Snapshot safety = snaps.get(r.safetySnapshot());
        Path out = dir.resolve("safety");
        restore.restoreToDirectory(safety, List.of(), out, false, false, Progress.NONE);
        assertThat(out.resolve("plain.txt")).hasContent("edited after the snapshot\n");
        assertThat(out.resolve("added.txt")).hasContent("new file\n");
    }

    @Test
    void restoringOnePathTouchesNothingElse() throws Exception {
        Snapshot s = take();
        Files.writeString(ws.resolve("plain.txt"), "edited\n");
        Files.writeString(ws.resolve("sub/deeper/y.txt"), "edited too\n");
        restore.restoreToWorkspace(fresh(), s, List.of("plain.txt"), false, "cli", Warnings.IGNORE, Progress.NONE);
        assertThat(ws.resolve("plain.txt")).hasContent("hello\nworld\n");
        assertThat(ws.resolve("sub/deeper/y.txt")).hasContent("edited too\n");
        assertThatThrownBy(() -> restore.restoreToWorkspace(fresh(), s, List.of("no/such/file"), false, "cli",
                Warnings.IGNORE, Progress.NONE)).isInstanceOf(OmniException.class).hasMessageContaining("has no no/such/file");
    }

    @Test
    void anUntrackedFileInTheWayIsMovedAsideNotOverwritten() throws Exception {
        Files.writeString(ws.resolve("later.txt"), "tracked content\n");
        Snapshot s = take();
        Files.delete(ws.resolve("later.txt"));
        take();
        // Now later.txt is ignored and holds something else.
        Files.writeString(ws.resolve(".omniignore"), "scratch/\nlater.txt\n");
        Files.writeString(ws.resolve("later.txt"), "untracked, precious\n");
        List<String> warned = new java.util.ArrayList<>();
        restore.restoreToWorkspace(fresh(), s, List.of("later.txt"), false, "cli", (p, m) -> warned.add(p + " " + m), Progress.NONE);
        assertThat(ws.resolve("later.txt")).hasContent("tracked content\n");
        assertThat(ws.resolve("later.txt.omni-orig")).hasContent("untracked, precious\n");
        assertThat(warned).anyMatch(w -> w.contains("moved to"));
    }

    @Test
    void aDryRunChangesNothing() throws Exception {
        Snapshot s = take();
        Files.writeString(ws.resolve("plain.txt"), "edited\n");
        RestoreService.Result r = restore.restoreToWorkspace(fresh(), s, List.of(), true, "cli", Warnings.IGNORE, Progress.NONE);
        assertThat(r.steps()).extracting(RestoreService.Step::path).containsExactly("plain.txt");
        assertThat(ws.resolve("plain.txt")).hasContent("edited\n");
        assertThat(snaps.log(fresh(), 10)).hasSize(1);
    }
}
