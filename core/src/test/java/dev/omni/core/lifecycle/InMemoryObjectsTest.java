package dev.omni.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.DiffService;
import dev.omni.core.home.OmniHome;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use cases do not care where objects live: with the object store in memory, init, snapshot, diff and fork work the same. */
class InMemoryObjectsTest {
    @TempDir
    Path dir;

    @Test
    void snapshotsDiffsAndForksWorkWithTheObjectsInMemory() throws Exception {
        Path ws = dir.resolve("ws");
        FileTrees.edgeCases(ws, 3_000_000);
        try (Omni omni = Omni.withObjectsInMemory(TestHomes.env(ws), OmniHome.at(dir.resolve("home")))) {
            WorkspaceLifecycle life = new WorkspaceLifecycle(omni);
            var init = life.init(ws, "p", null, "test", SnapshotService.Options.of("first", "test"), Warnings.IGNORE, Progress.NONE);
            Files.writeString(ws.resolve("added.txt"), "new\n");
            Workspace w = new WorkspaceService(omni).find(init.workspace().id()).orElseThrow();
            Snapshot second = new SnapshotService(omni).take(w, SnapshotService.Options.of("second", "test"), Warnings.IGNORE,
                    Progress.NONE).snapshot();

            DiffService diff = new DiffService(omni);
            List<Change> changes = diff.changes(diff.snapshotSide(init.snapshot().manifestHash()), diff.snapshotSide(second.manifestHash()),
                    p -> true);
            assertThat(changes).extracting(Change::path).containsExactly("added.txt");

            Workspace fork = life.create(init.project(), "fork", second, dir.resolve("fork"), "test", Progress.NONE);
            FileTrees.assertSameTree(ws, fork.localPath(), FileTrees.skipForEdgeCases());
            assertThat(dir.resolve("home/objects")).as("nothing of the objects on disk").doesNotExist();
        }
    }
}
