package dev.omni.sync.daemon;

import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's side of {@link DaemonStatus}: it keeps the current status as the daemon works and
 * writes {@code <home>/daemon.json} (atomically) when asked. Times come from the daemon's clock.
 */
final class DaemonState {
    private final Path file;
    private final Clock clock;
    private final Map<String, String> lastSnapshots = new HashMap<>();
    private DaemonStatus status;

    DaemonState(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.status = DaemonStatus.starting(ProcessHandle.current().pid(), clock.instant());
    }

    synchronized DaemonStatus status() {
        return status;
    }

    synchronized void started() {
        DaemonStatus s = status;
        status = new DaemonStatus(ProcessHandle.current().pid(), true, clock.instant(), null, s.updatedAt(), s.lastSnapshotAt(),
                s.lastPushAt(), s.lastError(), s.lastErrorAt(), s.nextRetryAt(), s.queue(), s.workspaces());
        write();
    }

    synchronized void stopped() {
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), false, s.startedAt(), clock.instant(), s.updatedAt(), s.lastSnapshotAt(), s.lastPushAt(),
                s.lastError(), s.lastErrorAt(), s.nextRetryAt(), s.queue(), s.workspaces());
        write();
    }

    synchronized void snapshotted(String workspaceId, String snapshot) {
        lastSnapshots.put(workspaceId, snapshot);
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), s.running(), s.startedAt(), s.stoppedAt(), s.updatedAt(), clock.instant(), s.lastPushAt(),
                s.lastError(), s.lastErrorAt(), s.nextRetryAt(), s.queue(), s.workspaces());
    }

    synchronized void pushed() {
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), s.running(), s.startedAt(), s.stoppedAt(), s.updatedAt(), s.lastSnapshotAt(), clock.instant(),
                s.lastError(), s.lastErrorAt(), null, s.queue(), s.workspaces());
    }

    synchronized void error(String message) {
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), s.running(), s.startedAt(), s.stoppedAt(), s.updatedAt(), s.lastSnapshotAt(), s.lastPushAt(),
                String.valueOf(message), clock.instant(), s.nextRetryAt(), s.queue(), s.workspaces());
    }

    synchronized void retryAt(Instant at) {
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), s.running(), s.startedAt(), s.stoppedAt(), s.updatedAt(), s.lastSnapshotAt(), s.lastPushAt(),
                s.lastError(), s.lastErrorAt(), at, s.queue(), s.workspaces());
    }

    synchronized void queue(DaemonStatus.Queue q) {
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), s.running(), s.startedAt(), s.stoppedAt(), s.updatedAt(), s.lastSnapshotAt(), s.lastPushAt(),
                s.lastError(), s.lastErrorAt(), s.nextRetryAt(), q, s.workspaces());
    }

    /** Records the watched workspaces and writes the file. */
    synchronized void save(Map<String, dev.omni.core.workspace.Workspace> workspaces, Map<String, Integer> watched) {
        List<DaemonStatus.Watched> list = new ArrayList<>();
        for (dev.omni.core.workspace.Workspace w : workspaces.values()) {
            list.add(new DaemonStatus.Watched(w.id(), w.name(), w.localPath(), watched.getOrDefault(w.id(), 0), lastSnapshots.get(w.id())));
        }
        DaemonStatus s = status;
        status = new DaemonStatus(s.pid(), s.running(), s.startedAt(), s.stoppedAt(), clock.instant(), s.lastSnapshotAt(),
                s.lastPushAt(), s.lastError(), s.lastErrorAt(), s.nextRetryAt(), s.queue(), list);
        write();
    }

    private void write() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(status.toJson()),
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // status is informative only
        }
    }
}
