package dev.omni.core.workspace;

import dev.omni.core.OmniException;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for projects; {@link WorkspaceService} is their API. */
final class Projects {
    private static final String COLS = "id, name, main_workspace_id, created_at, updated_at";

    private Projects() {
    }

    static void insert(Connection c, Project p) throws SQLException {
        Database.update(c, "INSERT INTO projects(" + COLS + ") VALUES (?,?,?,?,?)", p.id(), p.name(), p.mainWorkspaceId(),
                Times.format(p.createdAt()), Times.format(p.updatedAt()));
    }

    static void setMain(Connection c, String projectId, String workspaceId, Instant now) throws SQLException {
        Database.update(c, "UPDATE projects SET main_workspace_id = ?, updated_at = ? WHERE id = ?", workspaceId,
                Times.format(now), projectId);
    }

    static void touch(Connection c, String projectId, Instant now) throws SQLException {
        Database.update(c, "UPDATE projects SET updated_at = ? WHERE id = ?", Times.format(now), projectId);
    }

    static void rename(Connection c, String projectId, String name, Instant now) throws SQLException {
        Database.update(c, "UPDATE projects SET name = ?, updated_at = ? WHERE id = ?", name, Times.format(now), projectId);
    }

    static Optional<Project> find(Connection c, String id) throws SQLException {
        List<Project> l = query(c, "SELECT " + COLS + " FROM projects WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Projects whose id starts with {@code prefix} or whose name is {@code prefix}. */
    static List<Project> findByIdPrefixOrName(Connection c, String key) throws SQLException {
        List<Project> byName = query(c, "SELECT " + COLS + " FROM projects WHERE name = ? ORDER BY created_at", key);
        if (!byName.isEmpty()) {
            return byName;
        }
        return query(c, "SELECT " + COLS + " FROM projects WHERE id >= ? AND id < ? ORDER BY id LIMIT 5",
                key.toUpperCase(), key.toUpperCase() + "~");
    }

    /** The one project with this name or id prefix; NOT_FOUND or INVALID_INPUT when there is none or several. */
    static Project resolve(Connection c, String key) throws SQLException {
        List<Project> found = findByIdPrefixOrName(c, key);
        if (found.isEmpty()) {
            throw OmniException.notFound(OmniException.Reason.UNKNOWN_PROJECT, "no project '" + key + "'");
        }
        if (found.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several projects: "
                    + String.join(", ", found.stream().map(p -> p.id() + " (" + p.name() + ")").toList()));
        }
        return found.get(0);
    }

    static List<Project> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLS + " FROM projects ORDER BY created_at");
    }

    private static List<Project> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Project> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Project(rs.getString(1), rs.getString(2), rs.getString(3), Times.parse(rs.getString(4)),
                            Times.parse(rs.getString(5))));
                }
                return out;
            }
        }
    }
}
