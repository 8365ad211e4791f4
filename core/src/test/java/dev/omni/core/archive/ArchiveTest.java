package dev.omni.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveTest {
    @TempDir
    Path dir;
    Path ws;
    Omni omni;
    Workspace workspace;
    ArchiveService archives;

    @BeforeEach
    void init() {
        ws = dir.resolve("ws");
        FileTrees.edgeCases(ws, 2_500_000);
        // Absolute symlinks are fine in snapshots but refused on import (see below).
        try {
            Files.delete(ws.resolve("absolute-link"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        omni = TestHomes.open(dir.resolve("home"), ws);
        workspace = new dev.omni.core.lifecycle.WorkspaceLifecycle(omni).init(ws, "p", null, "test").workspace();
        archives = new ArchiveService(omni);
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

    @ParameterizedTest
    @ValueSource(strings = {"out.tar.zst", "out.tar.gz", "out.zip"})
    void anExportedSnapshotImportsBackToTheSameTree(String name) {
        Snapshot s = take();
        Path file = dir.resolve(name);
        archives.export(s, file, "test", Progress.NONE);
        ArchiveService.Imported imported = archives.importArchive(file, null, null, null, "test", Warnings.IGNORE, Progress.NONE);
        assertThat(imported.snapshot().manifestHash()).isEqualTo(s.manifestHash());
        Path out = dir.resolve("restored");
        new RestoreService(omni).restoreToDirectory(imported.snapshot(), List.of(), out, false, false, Progress.NONE);
        FileTrees.assertSameTree(ws, out, FileTrees.skipForEdgeCases());
    }

    @Test
    void aSnapshotWithAnAbsoluteSymlinkExportsButIsRefusedOnImport() throws Exception {
        Files.createSymbolicLink(ws.resolve("abs"), Path.of("/etc/hostname"));
        Snapshot s = take();
        Path file = dir.resolve("abs.tar.gz");
        archives.export(s, file, "test", Progress.NONE);
        assertRefusedAndNothingWritten(file, "points outside the archive");
    }

    @Test
    void anUnknownExtensionIsAClearError() {
        Snapshot s = take();
        assertThatThrownBy(() -> archives.export(s, dir.resolve("out.rar"), "test", Progress.NONE))
                .isInstanceOf(OmniException.class).hasMessageContaining(".tar.zst, .tar.gz or .zip");
    }

    interface TarWriter {
        void write(TarArchiveOutputStream tar) throws Exception;
    }

    private Path tar(TarWriter w) throws Exception {
        Path f = dir.resolve("evil.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(f));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "fine.txt", "ok");
            w.write(tar);
        }
        return f;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws Exception {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, byte type, String target) throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private void assertRefusedAndNothingWritten(Path archive, String why) throws Exception {
        long snapshots = TestHomes.count(omni, "SELECT count(*) FROM snapshots");
        long objects = TestHomes.count(omni, "SELECT count(*) FROM objects");
        assertThatThrownBy(() -> archives.importArchive(archive, null, null, null, "test", Warnings.IGNORE, Progress.NONE))
                .isInstanceOf(OmniException.class).hasMessageContaining("refused").hasMessageContaining(why);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM snapshots"))
                .isEqualTo(snapshots);
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM objects"))
                .isEqualTo(objects);
        Path packs = dir.resolve("home/objects/packs");
        if (Files.isDirectory(packs)) {
            try (Stream<Path> s = Files.list(packs)) {
                assertThat(s.filter(p -> !isCommitted(p)).count()).isZero();
            }
        }
    }

    private boolean isCommitted(Path pack) {
        return TestHomes.count(omni, "SELECT count(*) FROM packs WHERE name = ?", pack.getFileName().toString()) == 1;
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        take();
        assertRefusedAndNothingWritten(tar(t -> file(t, "/etc/evil", "x")), "absolute");
    }

    @Test
    void aDotDotPathIsRefused() throws Exception {
        take();
        assertRefusedAndNothingWritten(tar(t -> file(t, "a/../../evil", "x")), "..");
    }

    @Test
    void aSymlinkPointingOutsideIsRefused() throws Exception {
        take();
        assertRefusedAndNothingWritten(tar(t -> link(t, "sub/link", TarConstants.LF_SYMLINK, "../../etc/passwd")), "outside");
        assertRefusedAndNothingWritten(tar(t -> link(t, "link", TarConstants.LF_SYMLINK, "/etc/passwd")), "outside");
    }

    @Test
    void aHardLinkToSomethingOutsideIsRefused() throws Exception {
        take();
        assertRefusedAndNothingWritten(tar(t -> link(t, "hard", TarConstants.LF_LINK, "../outside.txt")), "..");
        assertRefusedAndNothingWritten(tar(t -> link(t, "hard", TarConstants.LF_LINK, "not-in-archive.txt")), "hard link");
    }

    @Test
    void aHardLinkToAnEarlierFileBecomesACopy() throws Exception {
        Path f = tar(t -> link(t, "copy.txt", TarConstants.LF_LINK, "fine.txt"));
        ArchiveService.Imported imported = archives.importArchive(f, null, null, null, "test", Warnings.IGNORE, Progress.NONE);
        Path out = dir.resolve("out");
        new RestoreService(omni).restoreToDirectory(imported.snapshot(), List.of(), out, false, false, Progress.NONE);
        assertThat(out.resolve("copy.txt")).hasContent("ok");
    }

    @Test
    void aNulInANameIsRefused() throws Exception {
        take();
        Path f = dir.resolve("evil.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(f)) {
            zip.putArchiveEntry(new ZipArchiveEntry("bad\u0000name.txt"));
            zip.write(new byte[] {1});
            zip.closeArchiveEntry();
        }
        assertRefusedAndNothingWritten(f, "NUL");
    }

    @Test
    void aTruncatedArchiveIsAClearErrorAndWritesNothing() throws Exception {
        Snapshot s = take();
        Path file = dir.resolve("t.tar.zst");
        archives.export(s, file, "test", Progress.NONE);
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        long snapshots = TestHomes.count(omni, "SELECT count(*) FROM snapshots");
        assertThatThrownBy(() -> archives.importArchive(file, null, null, null, "test", Warnings.IGNORE, Progress.NONE))
                .isInstanceOf(OmniException.class).hasMessageContaining("cannot read t.tar.zst");
        assertThat(TestHomes.count(omni, "SELECT count(*) FROM snapshots"))
                .isEqualTo(snapshots);
    }
}
