package dev.omni.sync.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the daemon last said about itself, in {@code <home>/daemon.json}: its pid, whether it runs,
 * the workspaces it watches, the last snapshot and push, the last error and when it retries, and
 * the queue it saw. Written by the daemon, read by {@code omni daemon status} and the desktop app.
 * Times are null when the thing never happened.
 */
public record DaemonStatus(long pid, boolean running, Instant startedAt, Instant stoppedAt, Instant updatedAt,
                           Instant lastSnapshotAt, Instant lastPushAt, String lastError, Instant lastErrorAt, Instant nextRetryAt,
                           Queue queue, List<Watched> workspaces) {
    public DaemonStatus {
        workspaces = List.copyOf(workspaces);
    }

    /** What waits for the server: workspaces whose head it lacks, changes not yet pushed. */
    public record Queue(long workspacesToPush, long changesToPush) {
    }

    /** A workspace the daemon watches, with how many directories and its last daemon snapshot (or null). */
    public record Watched(String id, String name, Path path, int watchedDirectories, String lastSnapshot) {
    }

    static DaemonStatus starting(long pid, Instant at) {
        return new DaemonStatus(pid, true, at, null, null, null, null, null, null, null, null, List.of());
    }

    /** The last status a daemon wrote, if any (and readable). */
    public static Optional<DaemonStatus> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(fromJson(Json.mapper().readTree(Files.readAllBytes(file))))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** As {@code daemon.json} and {@code omni daemon status --json} have it: snake_case keys, ISO times. */
    public ObjectNode toJson() {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("pid", pid);
        j.put("running", running);
        time(j, "started_at", startedAt);
        time(j, "stopped_at", stoppedAt);
        time(j, "last_snapshot_at", lastSnapshotAt);
        time(j, "last_push_at", lastPushAt);
        if (lastError != null) {
            j.put("last_error", lastError);
        }
        time(j, "last_error_at", lastErrorAt);
        time(j, "next_retry_at", nextRetryAt);
        if (queue != null) {
            ObjectNode q = j.putObject("queue");
            q.put("workspaces_to_push", queue.workspacesToPush());
            q.put("changes_to_push", queue.changesToPush());
        }
        ArrayNode arr = j.putArray("workspaces");
        for (Watched w : workspaces) {
            ObjectNode o = arr.addObject();
            o.put("id", w.id());
            o.put("name", w.name());
            o.put("path", w.path().toString());
            o.put("watched_directories", w.watchedDirectories());
            o.put("last_snapshot", w.lastSnapshot());
        }
        time(j, "updated_at", updatedAt);
        return j;
    }

    private static void time(ObjectNode j, String key, Instant t) {
        if (t != null) {
            j.put(key, Times.format(t));
        }
    }

    static DaemonStatus fromJson(JsonNode j) {
        Queue q = j.has("queue") ? new Queue(j.path("queue").path("workspaces_to_push").asLong(),
                j.path("queue").path("changes_to_push").asLong()) : null;
        List<Watched> ws = new ArrayList<>();
        for (JsonNode w : j.path("workspaces")) {
            ws.add(new Watched(w.path("id").asText(), w.path("name").asText(), Path.of(w.path("path").asText()),
                    w.path("watched_directories").asInt(), w.path("last_snapshot").asText(null)));
        }
        return new DaemonStatus(j.path("pid").asLong(-1), j.path("running").asBoolean(), time(j, "started_at"), time(j, "stopped_at"),
                time(j, "updated_at"), time(j, "last_snapshot_at"), time(j, "last_push_at"), j.path("last_error").asText(null),
                time(j, "last_error_at"), time(j, "next_retry_at"), q, ws);
    }

    private static Instant time(JsonNode j, String key) {
        return Times.parse(j.path(key).asText(null));
    }
}
