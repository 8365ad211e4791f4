package dev.omni.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.tree.Manifest;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.tree.TreeSource;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import dev.omni.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotServiceTest {
    @TempDir
    Path dir;
    Path ws;
    Omni omni;
    SnapshotService snaps;
    Workspace workspace;
    List<String> warnings = new ArrayList<>();

    @BeforeEach
    void init() {
        ws = dir.resolve("ws");
        FileTrees.edgeCases(ws, 5_000_000);
        omni = TestHomes.open(dir.resolve("home"), ws);
        workspace = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(ws, "p", null, "test").workspace();
        snaps = new SnapshotService(omni);
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private Workspace fresh() {
        return new WorkspaceService(omni).find(workspace.id()).orElseThrow();
    }

    private SnapshotService.Taken take(String message) {
        return snaps.take(fresh(), SnapshotService.Options.of(message, "cli"), (p, m) -> warnings.add(p + ": " + m), Progress.NONE);
    }

    @Test
    void aSnapshotHoldsEverythingButTheIgnoredFiles() {
        Snapshot s = take("first").snapshot();
        Set<String> paths = snaps.files(s).stream().map(Manifest.Item::path).collect(Collectors.toSet());
        assertThat(paths).contains("plain.txt", "empty.txt", "exec.sh", "new\nline.txt", "ünïcödé/日本語.txt", "sub/keep.log",
                "sub/deeper/y.txt", "link-to-file", "dangling", "empty-dir", "nested/empty/inner", "big.bin", ".gitignore");
        assertThat(paths).doesNotContain("a.log", "build", "build/out.bin", "sub/secret.txt", "sub/deeper/x.tmp", "scratch",
                "scratch/notes.txt", ".omni", ".omni/workspace.json", "nested/.git", "nested/.git/HEAD");
        TreeSource trees = new StoreTrees(omni.objects());
        assertThat(Manifest.lookup(trees, s.manifestHash(), "exec.sh").executable()).isTrue();
        assertThat(Manifest.lookup(trees, s.manifestHash(), "plain.txt").executable()).isFalse();
        assertThat(Manifest.lookup(trees, s.manifestHash(), "dangling").target()).isEqualTo("does/not/exist");
        assertThat(s.files()).isEqualTo(snaps.files(s).stream().filter(i -> i.entry().isFile()).count());
    }

    @Test
    void nothingIsRecordedWhenNothingChangedUnlessAllowed() throws Exception {
        Snapshot first = take("first").snapshot();
        assertThat(take("again").recorded()).isFalse();
        assertThat(snaps.take(fresh(), new SnapshotService.Options("empty", "cli", true, null), Warnings.IGNORE, Progress.NONE)
                .snapshot().parents()).containsExactly(first.id());
        Files.writeString(ws.resolve("plain.txt"), "changed\n");
        Snapshot third = take("third").snapshot();
        assertThat(third.manifestHash()).isNotEqualTo(first.manifestHash());
        assertThat(snaps.log(fresh(), 10)).extracting(Snapshot::id).first().isEqualTo(third.id());
    }

    @Test
    void unchangedSubtreesKeepTheirIds() throws Exception {
        Snapshot a = take("a").snapshot();
        Files.writeString(ws.resolve("sub/deeper/y.txt"), "edited\n");
        Snapshot b = take("b").snapshot();
        TreeSource trees = new StoreTrees(omni.objects());
        assertThat(Manifest.lookup(trees, b.manifestHash(), "deep")).isEqualTo(Manifest.lookup(trees, a.manifestHash(), "deep"));
        assertThat(Manifest.lookup(trees, b.manifestHash(), "sub")).isNotEqualTo(Manifest.lookup(trees, a.manifestHash(), "sub"));
    }

    @Test
    void aFileChangedWithinTheSameSecondIsSeenByTheNextSnapshot() throws Exception {
        Snapshot a = take("a").snapshot();
        // Same size, written right away: only the content differs.
        Files.writeString(ws.resolve("plain.txt"), "HELLO\nWORLD\n");
        Snapshot b = take("b").snapshot();
        assertThat(b).isNotNull();
        TreeSource trees = new StoreTrees(omni.objects());
        assertThat(omni.objects().read(Manifest.lookup(trees, b.manifestHash(), "plain.txt").hash()))
                .isEqualTo("HELLO\nWORLD\n".getBytes());
        assertThat(a.manifestHash()).isNotEqualTo(b.manifestHash());
    }

    @Test
    void aStatCacheThatLiesIsNotTrustedForRecentFiles() throws Exception {
        take("a");
        StatCache cache = StatCache.load(omni.statCacheFile(workspace.id()));
        // plain.txt was written moments ago: its entry must be racy, so it is hashed again.
        assertThat(cache.get("plain.txt").racy()).isTrue();
    }

    @Test
    void specialFilesAreLeftOutWithAWarning() throws Exception {
        Path fifo = ws.resolve("a-fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        Snapshot s = take("with fifo").snapshot();
        assertThat(snaps.files(s)).extracting(Manifest.Item::path).doesNotContain("a-fifo");
        assertThat(warnings).anyMatch(w -> w.startsWith("a-fifo") && w.contains("fifo"));
    }

    @Test
    void aSecondSnapshotOfTheSameWorkspaceWaitsForTheFirst() throws Exception {
        take("first");
        Files.writeString(ws.resolve("plain.txt"), "concurrent\n");
        List<Throwable> errors = new ArrayList<>();
        Thread other;
        try (var held = omni.workspaceLock(workspace.id())) {
            other = new Thread(() -> {
                try {
                    take("second");
                } catch (Throwable t) {
                    errors.add(t);
                }
            });
            other.start();
            Wait.until("the second snapshot to wait for the workspace lock", Duration.ofSeconds(20),
                    () -> Arrays.stream(other.getStackTrace()).anyMatch(f -> f.getClassName().equals(ProcessLocks.class.getName())
                            && f.getMethodName().equals("acquire")));
            assertThat(other.isAlive()).as("the second snapshot waits for the lock").isTrue();
            assertThat(snaps.log(fresh(), 10)).as("and has recorded nothing").hasSize(1);
        }
        other.join(20_000);
        assertThat(errors).isEmpty();
        assertThat(snaps.log(fresh(), 10)).hasSize(2);
    }

    @Test
    void anUnknownOrAmbiguousSnapshotIdIsAClearError() {
        Snapshot s = take("first").snapshot();
        assertThat(snaps.resolve(s.id().value().substring(0, 14), fresh())).isEqualTo(s.id());
        assertThat(snaps.resolve(s.id().value().substring(5, 18).toLowerCase(), fresh())).isEqualTo(s.id());
        assertThat(snaps.resolve("@", fresh())).isEqualTo(s.id());
        assertThatThrownBy(() -> snaps.resolve("snap-7ZZZ", fresh())).isInstanceOf(OmniException.class)
                .hasMessageContaining("no snapshot matches");
        assertThatThrownBy(() -> snaps.resolve("@~1", fresh())).hasMessageContaining("further than the first");
        take("x");
        snaps.take(fresh(), new SnapshotService.Options("y", "cli", true, null), Warnings.IGNORE, Progress.NONE);
        assertThatThrownBy(() -> snaps.resolve("snap-", fresh())).isInstanceOf(OmniException.class);
    }
}
