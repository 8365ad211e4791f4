package dev.omni.sync.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon tells {@code omni daemon status}, in {@code <home>/daemon.json}: its pid, the
 * workspaces it watches, the last snapshot and push, the last error, and the queue waiting for the
 * server. Written by the daemon, read by anyone.
 */
public final class DaemonState {
    private final Path file;
    private final ObjectNode json = Json.mapper().createObjectNode();
    private final ObjectNode lastSnapshots = Json.mapper().createObjectNode();

    public DaemonState(Path file) {
        this.file = file;
    }

    synchronized void started() {
        json.put("pid", ProcessHandle.current().pid());
        json.put("running", true);
        json.put("started_at", Times.format(Instant.now()));
        json.remove("stopped_at");
        write();
    }

    synchronized void stopped() {
        json.put("running", false);
        json.put("stopped_at", Times.format(Instant.now()));
        write();
    }

    synchronized void snapshotted(String workspaceId, String snapshot) {
        json.put("last_snapshot_at", Times.format(Instant.now()));
        lastSnapshots.put(workspaceId, snapshot);
    }

    synchronized void pushed() {
        json.put("last_push_at", Times.format(Instant.now()));
        json.remove("next_retry_at");
    }

    synchronized void error(String message) {
        json.put("last_error", message);
        json.put("last_error_at", Times.format(Instant.now()));
    }

    synchronized void retryAt(long epochMs) {
        json.put("next_retry_at", Times.format(Instant.ofEpochMilli(epochMs)));
    }

    synchronized void queue(Map<String, Long> q) {
        json.set("queue", Json.mapper().valueToTree(q));
    }

    synchronized void save(Map<String, Workspace> workspaces, Map<String, Integer> watched) {
        ArrayNode arr = json.putArray("workspaces");
        for (Workspace w : workspaces.values()) {
            ObjectNode o = arr.addObject();
            o.put("id", w.id());
            o.put("name", w.name());
            o.put("path", w.localPath().toString());
            o.put("watched_directories", watched.getOrDefault(w.id(), 0));
            o.put("last_snapshot", lastSnapshots.path(w.id()).asText(null));
        }
        json.put("updated_at", Times.format(Instant.now()));
        write();
    }

    private void write() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // status is informative only
        }
    }

    /** The last state a daemon wrote, if any. */
    public static Optional<JsonNode> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.mapper().readTree(Files.readAllBytes(file))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
