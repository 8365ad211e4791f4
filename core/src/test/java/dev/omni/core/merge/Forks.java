package dev.omni.core.merge;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project with two workspaces for merge and drift tests: {@code main} (a.txt of nine lines,
 * b.txt, keep.txt, img.bin) and {@code feature}, forked from main's first snapshot.
 */
final class Forks implements AutoCloseable {
    static final String NINE = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";

    final Omni omni;
    final Path mainDir;
    final Path featureDir;
    private final String mainId;
    private final String featureId;

    Forks(Path dir) throws Exception {
        mainDir = Files.createDirectories(dir.resolve("app"));
        featureDir = dir.resolve("app-feature");
        write(mainDir, "a.txt", NINE);
        write(mainDir, "b.txt", "b\n");
        write(mainDir, "keep.txt", "keep\n");
        Files.write(mainDir.resolve("img.bin"), new byte[] {0, 1, 2, 3});
        omni = TestHomes.open(dir.resolve("home"), mainDir);
        WorkspaceLifecycle life = new WorkspaceLifecycle(omni);
        WorkspaceLifecycle.Initialized init = life.init(mainDir, "app", null, "tester", SnapshotService.Options.of("first", "cli"),
                Warnings.IGNORE, Progress.NONE);
        mainId = init.workspace().id();
        featureId = life.create(init.project(), "feature", init.snapshot(), featureDir, "tester", Progress.NONE).id();
    }

    static void write(Path root, String path, String content) {
        FileTrees.write(root.resolve(path), content);
    }

    Workspace main() {
        return new WorkspaceService(omni).find(mainId).orElseThrow();
    }

    Workspace feature() {
        return new WorkspaceService(omni).find(featureId).orElseThrow();
    }

    Snapshot snapshot(Workspace ws) {
        return new SnapshotService(omni).take(ws, SnapshotService.Options.of("edit", "cli"), Warnings.IGNORE, Progress.NONE)
                .snapshot();
    }

    Snapshot head(Workspace ws) {
        return new SnapshotService(omni).get(ws.currentSnapshot());
    }

    MergeService.Outcome merge(TreeMerge.Strategy strategy) {
        return new MergeService(omni).merge(main(), feature(), strategy, false, "tester", Warnings.IGNORE, Progress.NONE);
    }

    @Override
    public void close() {
        omni.close();
    }
}
