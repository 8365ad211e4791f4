package dev.omni.sync.daemon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches the directories of several working copies with one {@link WatchService} (Java's is not
 * recursive: every directory is registered, and new ones as they appear) and remembers, per
 * workspace, when it last saw a change. The daemon also rescans periodically, so a missed event
 * (an overflow, a file system without notifications) only delays a snapshot.
 */
final class WorkspaceWatcher implements AutoCloseable {
    private final WatchService watch;
    private final Map<WatchKey, Target> keys = new ConcurrentHashMap<>();
    private final Map<String, Long> lastChange = new ConcurrentHashMap<>();
    private final Map<String, Integer> watched = new ConcurrentHashMap<>();

    private record Target(String workspaceId, Path root, Path dir) {
    }

    WorkspaceWatcher() throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
    }

    /** Watches {@code dirs} (the directories a scan included) of a workspace; returns how many are watched. */
    int watch(String workspaceId, Path root, Collection<String> dirs) {
        int n = 0;
        for (String d : dirs) {
            if (register(workspaceId, root, d.isEmpty() ? root : root.resolve(d))) {
                n++;
            }
        }
        watched.merge(workspaceId, n, Integer::sum);
        return n;
    }

    private boolean register(String workspaceId, Path root, Path dir) {
        try {
            WatchKey k = dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            keys.put(k, new Target(workspaceId, root, dir));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Forgets a workspace's directories. */
    void unwatch(String workspaceId) {
        keys.entrySet().removeIf(e -> {
            if (e.getValue().workspaceId().equals(workspaceId)) {
                e.getKey().cancel();
                return true;
            }
            return false;
        });
        watched.remove(workspaceId);
        lastChange.remove(workspaceId);
    }

    boolean watches(String workspaceId) {
        return watched.containsKey(workspaceId);
    }

    /** Takes the events that arrived within {@code waitMs}; a new directory is watched at once. */
    void poll(long waitMs, long nowMs) throws InterruptedException {
        WatchKey k;
        try {
            k = watch.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (ClosedWatchServiceException e) {
            return;
        }
        while (k != null) {
            Target t = keys.get(k);
            if (t != null) {
                for (WatchEvent<?> ev : k.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        lastChange.put(t.workspaceId(), nowMs);
                        continue;
                    }
                    Path name = (Path) ev.context();
                    if (t.dir().equals(t.root()) && name.toString().equals(".omni")) {
                        continue;
                    }
                    Path child = t.dir().resolve(name);
                    if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                            && !name.toString().equals(".git")) {
                        registerTree(t.workspaceId(), t.root(), child);
                    }
                    lastChange.put(t.workspaceId(), nowMs);
                }
                if (!k.reset()) {
                    keys.remove(k);
                }
            } else {
                k.cancel();
            }
            try {
                k = watch.poll();
            } catch (ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void registerTree(String workspaceId, Path root, Path dir) {
        try (var s = Files.walk(dir)) {
            s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> register(workspaceId, root, p));
        } catch (IOException | java.io.UncheckedIOException e) {
            // gone already, or unreadable: the periodic rescan covers it
        }
    }

    /** When a change was last seen in the workspace (ms), or null. */
    Long lastChange(String workspaceId) {
        return lastChange.get(workspaceId);
    }

    void clear(String workspaceId, long seenUpTo) {
        lastChange.computeIfPresent(workspaceId, (k, v) -> v <= seenUpTo ? null : v);
    }

    Map<String, Integer> watched() {
        return new HashMap<>(watched);
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
