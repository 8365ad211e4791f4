package dev.omni.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.ObjectId;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.Manifest;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsckGcTest {
    /** Where the first block header starts in a pack. */
    static final class PackFormatAccess {
        static final int MAGIC_LENGTH = dev.omni.core.objects.PackFormat.MAGIC.length;
    }

    @TempDir
    Path dir;
    Path ws;
    Omni omni;
    Workspace workspace;

    @BeforeEach
    void init() {
        ws = dir.resolve("ws");
        FileTrees.edgeCases(ws, 3_000_000);
        omni = TestHomes.open(dir.resolve("home"), ws);
        workspace = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(ws, "p", null, "test").workspace();
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private Snapshot take() {
        Workspace w = new WorkspaceService(omni).find(workspace.id()).orElseThrow();
        return new SnapshotService(omni).take(w, new SnapshotService.Options("t", "cli", true, null), Warnings.IGNORE, Progress.NONE)
                .snapshot();
    }

    private ObjectId orphan(String content) throws Exception {
        try (ObjectInserter ins = omni.objects().newInserter()) {
            ObjectId id = ins.insert(content.getBytes(StandardCharsets.UTF_8));
            ins.flush();
            ins.commit();
            return id;
        }
    }

    @Test
    void aSoundStoreChecksOk() {
        take();
        FsckService.Report r = new FsckService(omni).check(Progress.NONE);
        assertThat(r.problems()).isEmpty();
        assertThat(r.objects()).isPositive();
        assertThat(r.snapshots()).isEqualTo(1);
    }

    @Test
    void fsckFindsACorruptPackAndAMissingLooseObject() throws Exception {
        Snapshot s = take();
        ObjectId big = Manifest.lookup(new StoreTrees(omni.objects()), s.manifestHash(), "big.bin").hash();
        Path packs = dir.resolve("home/objects/packs");
        try (Stream<Path> list = Files.list(packs)) {
            Path pack = list.findFirst().orElseThrow();
            byte[] b = Files.readAllBytes(pack);
            b[b.length - 5] ^= 0x7f;
            // And a byte in the first block's header (which names the block's objects).
            b[PackFormatAccess.MAGIC_LENGTH + 20] ^= 0x01;
            Files.write(pack, b);
        }
        Files.delete(dir.resolve("home/objects/" + big.hex().substring(0, 2) + "/" + big.hex().substring(2)));
        omni.objects().invalidate();
        FsckService.Report r = new FsckService(omni).check(Progress.NONE);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.kind().equals("corrupt-object") && p.subject().equals(big.hex())
                && p.detail().contains("missing"));
        assertThat(r.problems()).anyMatch(p -> p.kind().equals("corrupt-object") && p.detail().contains("does not decompress"));
        assertThat(r.problems()).anyMatch(p -> p.kind().equals("corrupt-object") && p.detail().contains("header"));
    }

    @Test
    void gcDeletesWhatNoSnapshotReachesAndKeepsTheRest() throws Exception {
        Snapshot s = take();
        ObjectId orphan = orphan("nobody reaches me");
        ObjectStore.Collected dry = new GcService(omni).collect(true, "test", Progress.NONE);
        assertThat(dry.deadObjects()).isEqualTo(1);
        assertThat(omni.objects().contains(orphan)).isTrue();

        ObjectStore.Collected r = new GcService(omni).collect(false, "test", Progress.NONE);
        assertThat(r.deadObjects()).isEqualTo(1);
        assertThat(omni.objects().contains(orphan)).isFalse();
        assertThat(new FsckService(omni).check(Progress.NONE).problems()).isEmpty();
        Path out = dir.resolve("out");
        new RestoreService(omni).restoreToDirectory(s, List.of(), out, false, false, Progress.NONE);
        FileTrees.assertSameTree(ws, out, FileTrees.skipForEdgeCases());
    }

    @Test
    void gcMergesManySmallPacks() throws Exception {
        for (int i = 0; i < 10; i++) {
            Files.writeString(ws.resolve("n" + i + ".txt"), "version " + i);
            take();
        }
        long before = TestHomes.count(omni, "SELECT count(*) FROM packs");
        assertThat(before).isGreaterThanOrEqualTo(10);
        new GcService(omni).collect(false, "test", Progress.NONE);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM packs")).isEqualTo(1);
        assertThat(new FsckService(omni).check(Progress.NONE).problems()).isEmpty();
    }

    @Test
    void gcRefusesToRunWhileAnotherOperationHoldsTheStore() {
        take();
        try (ProcessLocks.Held held = omni.storeShared()) {
            assertThatThrownBy(() -> new GcService(omni).collect(false, "test", Progress.NONE))
                    .isInstanceOf(OmniException.class).extracting(e -> ((OmniException) e).kind()).isEqualTo(OmniException.Kind.BUSY);
        }
    }

    @Test
    void strayFilesOfACrashedWriteAreRemoved() throws Exception {
        take();
        Path stray = Files.writeString(dir.resolve("home/objects/packs/pack-crashed.pack"), "half a pack");
        Files.createDirectories(dir.resolve("home/tmp"));
        Path tmp = Files.writeString(dir.resolve("home/tmp/obj-1.tmp"), "half an object");
        ObjectStore.Collected r = new GcService(omni).collect(false, "test", Progress.NONE);
        assertThat(r.strayFiles()).isEqualTo(2);
        assertThat(stray).doesNotExist();
        assertThat(tmp).doesNotExist();
    }
}
