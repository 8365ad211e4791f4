package dev.omni.cli.support;

import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.diff.Change;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of omni's records, with snake_case keys, shared by all commands. */
public final class Views {
    private Views() {
    }

    public static Map<String, Object> snapshot(Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id().value());
        m.put("project_id", s.projectId());
        m.put("workspace_id", s.workspaceId());
        m.put("manifest_hash", s.manifestHash().hex());
        m.put("parents", s.parents().stream().map(SnapshotId::value).toList());
        m.put("source", s.source());
        m.put("message", s.message());
        m.put("author", s.author());
        m.put("created_at", Times.format(s.createdAt()));
        m.put("files", s.files());
        m.put("bytes", s.bytes());
        if (s.gitBranch() != null || s.gitCommit() != null) {
            m.put("git_branch", s.gitBranch());
            m.put("git_commit", s.gitCommit());
        }
        return m;
    }

    public static Map<String, Object> project(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("main_workspace_id", p.mainWorkspaceId());
        m.put("created_at", Times.format(p.createdAt()));
        m.put("updated_at", Times.format(p.updatedAt()));
        return m;
    }

    public static Map<String, Object> workspace(Workspace w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("project_id", w.projectId());
        m.put("name", w.name());
        m.put("machine_id", w.machineId());
        m.put("local_path", w.localPath() == null ? null : w.localPath().toString());
        m.put("base_snapshot_id", w.baseSnapshot() == null ? null : w.baseSnapshot().value());
        m.put("current_snapshot_id", w.currentSnapshot() == null ? null : w.currentSnapshot().value());
        m.put("last_seen_at", w.lastSeenAt() == null ? null : Times.format(w.lastSeenAt()));
        m.put("created_at", Times.format(w.createdAt()));
        m.put("version", w.version());
        return m;
    }

    public static Map<String, Object> activity(ActivityEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("project_id", e.projectId());
        m.put("workspace_id", e.workspaceId());
        m.put("snapshot_id", e.snapshotId());
        m.put("actor", e.actor());
        m.put("message", e.message());
        m.put("data", e.data() == null ? null : dev.omni.core.util.Json.mapper().valueToTree(parse(e.data())));
        m.put("created_at", Times.format(e.createdAt()));
        return m;
    }

    /** A JSON text as a tree (null when it is not JSON). */
    public static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return text == null ? null : dev.omni.core.util.Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Object parse(String json) {
        try {
            return dev.omni.core.util.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return json;
        }
    }

    public static Map<String, Object> change(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.path());
        m.put("status", c.kind().name().toLowerCase());
        var e = c.after() != null ? c.after() : c.before();
        m.put("type", e.type().wire());
        if (c.before() != null && c.before().hash() != null) {
            m.put("old_hash", c.before().hash().hex());
        }
        if (c.after() != null && c.after().hash() != null) {
            m.put("new_hash", c.after().hash().hex());
        }
        return m;
    }

    public static List<Map<String, Object>> changes(List<Change> changes) {
        return changes.stream().map(Views::change).toList();
    }

    /** "A path" lines like {@code git status --short}. */
    public static String changeLine(Change c, Style st) {
        String letter = c.kind().letter();
        String colored = switch (c.kind()) {
            case ADDED -> st.green(letter);
            case DELETED -> st.red(letter);
            case MODIFIED -> st.yellow(letter);
        };
        String suffix = c.modeOnly() ? "  (mode " + c.before().modeString() + " -> " + c.after().modeString() + ")" : "";
        var e = c.after() != null ? c.after() : c.before();
        String slash = e.isDir() ? "/" : "";
        return colored + "  " + dev.omni.core.model.PathRules.printable(c.path()).replaceAll("^'|'$", "") + slash + suffix;
    }
}
