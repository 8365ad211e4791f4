package dev.omni.core.agent;

import dev.omni.core.model.SnapshotId;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for agent turns. Callers own the transaction. */
final class Turns {
    private static final String COLS = "id, agent, session_id, turn, project_id, workspace_id, prompt, before_snapshot_id,"
            + " after_snapshot_id, transcript_path, started_at, ended_at, conversation_id, message_id";

    private Turns() {
    }

    static void insert(Connection c, Turn t) throws SQLException {
        Database.update(c, "INSERT INTO agent_turns(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", t.id(), t.agent(),
                t.sessionId(), t.turn(), t.projectId(), t.workspaceId(), t.prompt(), id(t.before()), id(t.after()),
                t.transcriptPath(), Times.format(t.startedAt()), t.endedAt() == null ? null : Times.format(t.endedAt()),
                t.conversationId(), t.messageId());
    }

    static void finish(Connection c, Turn t) throws SQLException {
        Database.update(c, "UPDATE agent_turns SET after_snapshot_id = ?, ended_at = ?, transcript_path = coalesce(?, transcript_path)"
                + " WHERE id = ?", id(t.after()), Times.format(t.endedAt()), t.transcriptPath(), t.id());
    }

    static void link(Connection c, String turnId, String conversationId, String messageId) throws SQLException {
        Database.update(c, "UPDATE agent_turns SET conversation_id = ?, message_id = ? WHERE id = ?", conversationId, messageId, turnId);
    }

    static int lastTurn(Connection c, String agent, String sessionId) throws SQLException {
        return (int) Database.queryLong(c, "SELECT max(turn) FROM agent_turns WHERE agent = ? AND session_id = ?", 0, agent, sessionId);
    }

    static Optional<Turn> latest(Connection c, String agent, String sessionId) throws SQLException {
        List<Turn> l = query(c, "WHERE agent = ? AND session_id = ? ORDER BY turn DESC LIMIT 1", agent, sessionId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static List<Turn> ofSession(Connection c, String sessionId) throws SQLException {
        return query(c, "WHERE session_id = ? ORDER BY turn", sessionId);
    }

    /** Sessions whose id starts with {@code prefix}, at most {@code limit}. */
    static List<String> sessionsWithPrefix(Connection c, String prefix, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT session_id FROM agent_turns WHERE session_id >= ?"
                + " AND session_id < ? ORDER BY session_id LIMIT ?")) {
            Database.bind(ps, prefix, prefix + "\uffff", limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The session of the turn that started last in {@code workspaceId}. */
    static Optional<String> latestSession(Connection c, String workspaceId) throws SQLException {
        return Optional.ofNullable(Database.queryString(c, "SELECT session_id FROM agent_turns WHERE workspace_id = ?"
                + " ORDER BY started_at DESC, pk DESC LIMIT 1", workspaceId));
    }

    static List<Turn> ofConversation(Connection c, String conversationId) throws SQLException {
        return query(c, "WHERE conversation_id = ? ORDER BY turn", conversationId);
    }

    /** Turns whose before or after checkpoint is one of {@code snapshotIds}. */
    static List<Turn> ofSnapshots(Connection c, List<String> snapshotIds) throws SQLException {
        if (snapshotIds.isEmpty()) {
            return List.of();
        }
        List<Turn> out = new ArrayList<>();
        for (int i = 0; i < snapshotIds.size(); i += 400) {
            List<String> part = snapshotIds.subList(i, Math.min(snapshotIds.size(), i + 400));
            String in = "?" + ",?".repeat(part.size() - 1);
            Object[] args = new Object[part.size() * 2];
            for (int j = 0; j < part.size(); j++) {
                args[j] = part.get(j);
                args[part.size() + j] = part.get(j);
            }
            out.addAll(query(c, "WHERE before_snapshot_id IN (" + in + ") OR after_snapshot_id IN (" + in + ")", args));
        }
        return out;
    }

    private static String id(SnapshotId s) {
        return s == null ? null : s.value();
    }

    private static List<Turn> query(Connection c, String where, Object... args) throws SQLException {
        List<Turn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM agent_turns " + where)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Turn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), snap(rs.getString(8)), snap(rs.getString(9)), rs.getString(10), Times.parse(rs.getString(11)),
                            Times.parse(rs.getString(12)), rs.getString(13), rs.getString(14)));
                }
            }
        }
        return out;
    }

    private static SnapshotId snap(String s) {
        return s == null ? null : new SnapshotId(s);
    }
}
