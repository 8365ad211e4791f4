package dev.omni.sync;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.testing.TestHome;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.sync.client.Retry;
import dev.omni.sync.client.ServerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The world of a sync test: the real omni server on 127.0.0.1 with one user, and machines (omni
 * homes under a temporary directory) that talk to it through a {@link FlakyHttp} network.
 */
final class SyncWorld implements AutoCloseable {
    final TestServer server = TestServer.start();
    final TestUser ann = server.createUser("ann@example.org", "correct horse");
    private final Path dir;

    SyncWorld(Path dir) {
        this.dir = dir;
    }

    /** A machine: its omni home, open. */
    Omni machine(String name) {
        return new TestHome(dir.resolve(name)).open();
    }

    /** A client of the server for {@code omni}'s machine, over {@code http}; {@code retryMs}: how long a call is retried. */
    ServerClient client(FlakyHttp http, long retryMs) {
        return new ServerClient(http, URI.create(server.baseUrl()), "/v1", server.login(ann), new Retry(retryMs, server.baseUrl()));
    }

    /** A workspace of a new project at {@code <machine home>/../work/NAME} holding {@code files} small files and one large one, snapshotted. */
    static Workspace workspace(Omni omni, String name, int files) {
        Path root = omni.home().root().resolveSibling("work").resolve(name);
        try {
            for (int i = 0; i < files; i++) {
                Path f = root.resolve("d" + (i % 20)).resolve("f" + i + ".txt");
                Files.createDirectories(f.getParent());
                Files.writeString(f, "file " + i + " of " + name + "\n");
            }
            byte[] big = new byte[(1 << 20) + 4096];
            new java.util.Random(7).nextBytes(big);
            Files.write(root.resolve("big.bin"), big);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = new WorkspaceLifecycle(omni).init(root, name, null, "test", SnapshotService.Options.of("first", "test"),
                Warnings.IGNORE, Progress.NONE).workspace().id();
        return new WorkspaceService(omni).find(id).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
    }
}
