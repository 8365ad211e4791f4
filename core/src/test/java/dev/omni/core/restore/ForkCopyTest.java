package dev.omni.core.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.StatCache;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fork copies files from the source working copy only where its stat cache proves them unchanged. */
class ForkCopyTest {
    @TempDir
    Path dir;
    Path ws;
    Omni omni;
    Workspace workspace;
    Snapshot snap;

    @BeforeEach
    void init() throws IOException {
        ws = dir.resolve("ws");
        Files.createDirectories(ws.resolve("src/deep"));
        Files.writeString(ws.resolve("a.txt"), "alpha\n");
        Files.writeString(ws.resolve("src/b.txt"), "beta\n");
        Files.writeString(ws.resolve("src/deep/c.sh"), "#!/bin/sh\necho c\n");
        ws.resolve("src/deep/c.sh").toFile().setExecutable(true);
        Files.write(ws.resolve("src/big.bin"), new byte[3_000_000]);
        Files.writeString(ws.resolve("src/same.txt"), "alpha\n");
        Files.createSymbolicLink(ws.resolve("link"), Path.of("a.txt"));
        backdate(ws);
        omni = TestHomes.open(dir.resolve("home"), ws);
        workspace = new WorkspaceLifecycle(omni).init(ws, "p", null, "test", SnapshotService.Options.of("first", "cli"),
                Warnings.IGNORE, Progress.NONE).workspace();
        snap = new SnapshotService(omni).get(new WorkspaceService(omni).find(workspace.id()).orElseThrow().currentSnapshot());
    }

    @AfterEach
    void close() {
        omni.close();
    }

    /** Files written moments ago are racy and never trusted; these tests need trusted ones. */
    private static void backdate(Path root) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    private RestoreService.LocalSource local(java.util.function.Consumer<String> hook) {
        return new RestoreService.LocalSource(ws, StatCache.load(omni.statCacheFile(workspace.id())), hook);
    }

    @Test
    void unchangedFilesAreCopiedFromTheWorkingCopyAndChangedOnesComeFromTheStore() throws IOException {
        Files.writeString(ws.resolve("src/b.txt"), "BETA changed after the snapshot\n");
        Set<String> copied = ConcurrentHashMap.newKeySet();
        Path out = dir.resolve("out");
        new RestoreService(omni).restoreToDirectory(snap, List.of(), out, false, false, Progress.NONE, local(copied::add));
        assertThat(copied).containsExactlyInAnyOrder("a.txt", "src/deep/c.sh", "src/big.bin", "src/same.txt");
        assertThat(out.resolve("src/b.txt")).hasContent("beta");
        assertThat(out.resolve("a.txt")).hasContent("alpha");
        assertThat(out.resolve("src/same.txt")).hasContent("alpha");
        assertThat(Files.readAllBytes(out.resolve("src/big.bin"))).isEqualTo(new byte[3_000_000]);
        assertThat(Files.isExecutable(out.resolve("src/deep/c.sh"))).isTrue();
        assertThat(Files.isExecutable(out.resolve("a.txt"))).isFalse();
        assertThat(Files.readSymbolicLink(out.resolve("link"))).isEqualTo(Path.of("a.txt"));
    }

    @Test
    void aFileWrittenWhileItIsCopiedIsTakenFromTheStoreInstead() throws IOException {
        Set<String> hooked = ConcurrentHashMap.newKeySet();
        Path out = dir.resolve("out");
        new RestoreService(omni).restoreToDirectory(snap, List.of(), out, false, false, Progress.NONE, local(path -> {
            hooked.add(path);
            if (path.equals("a.txt")) {
                try {
                    // A writer got in while the bytes were copied: the copy holds what it read
                    // (here: neither version), and only the source's stat can tell.
                    Files.writeString(ws.resolve("a.txt"), "ALPHA\n");
                    Files.writeString(out.resolve("a.txt"), "torn copy\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }));
        assertThat(hooked).as("the copy ran and was then checked").contains("a.txt");
        assertThat(out.resolve("a.txt")).hasContent("alpha");
        assertThat(ws.resolve("a.txt")).hasContent("ALPHA");
    }

    @Test
    void aSourceFileThatVanishedIsTakenFromTheStore() throws IOException {
        Files.delete(ws.resolve("src/deep/c.sh"));
        Path out = dir.resolve("out");
        new RestoreService(omni).restoreToDirectory(snap, List.of(), out, false, false, Progress.NONE, local(null));
        assertThat(out.resolve("src/deep/c.sh")).hasContent("#!/bin/sh\necho c");
        assertThat(Files.isExecutable(out.resolve("src/deep/c.sh"))).isTrue();
    }

    @Test
    void aForkOfTheCurrentSnapshotHasTheSnapshotsContentWhateverTheWorkingCopyHoldsNow() throws IOException {
        Files.writeString(ws.resolve("src/same.txt"), "edited since\n");
        Files.writeString(ws.resolve("new.txt"), "not in the snapshot\n");
        WorkspaceService wss = new WorkspaceService(omni);
        Project p = wss.projectOf(wss.find(workspace.id()).orElseThrow());
        Workspace fork = new WorkspaceLifecycle(omni).create(p, "fork", snap, dir.resolve("fork"), "test", Progress.NONE);
        Path f = fork.localPath();
        assertThat(f.resolve("src/same.txt")).hasContent("alpha");
        assertThat(f.resolve("new.txt")).doesNotExist();
        assertThat(f.resolve("src/b.txt")).hasContent("beta");
        assertThat(Files.readAllBytes(f.resolve("src/big.bin"))).isEqualTo(new byte[3_000_000]);
    }
}
