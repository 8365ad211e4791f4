package dev.omni.core.conversation;

import dev.omni.core.OmniException;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.store.Database;
import dev.omni.core.store.RankWindow;
import dev.omni.core.store.sqlite.Sql;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for conversations and messages. Callers own the transaction. */
final class Conversations {
    static final String COLS = "id, source, external_id, project_id, workspace_id, title, cwd, model, source_path, message_count,"
            + " input_tokens, output_tokens, started_at, last_message_at, created_at, updated_at, deleted_at, device_id";
    static final String MSG_COLS = "m.id, c.id, m.seq, m.external_id, m.parent_external_id, m.role, m.content, m.blocks,"
            + " m.model, m.input_tokens, m.output_tokens, m.usage, m.created_at, m.response_id";

    private Conversations() {
    }

    /** A conversation with its row key, which its messages refer to. */
    record Row(long pk, Conversation conversation) {
    }

    /**
     * Applies another device's version of a conversation (sync), in the caller's transaction and
     * without an outbox entry. The newer version by {@code (updated_at, device_id)} wins; a removal
     * deletes the messages here too. A conversation that this store already holds under another id
     * (the same transcript imported on both machines) stays as it is here.
     */
    static Applied applyRemote(Connection c, Conversation remote) throws SQLException {
        List<Row> same = rows(c, "SELECT pk, " + COLS + " FROM conversations WHERE id = ?", remote.id());
        if (same.isEmpty()) {
            if (findByExternal(c, remote.source(), remote.externalId()).isPresent()) {
                return Applied.SUPERSEDED;
            }
            insert(c, remote);
            return Applied.APPLIED;
        }
        Row row = same.get(0);
        Conversation local = row.conversation();
        int order = remote.updatedAt().compareTo(local.updatedAt());
        if (order == 0) {
            order = remote.deviceId().compareTo(local.deviceId());
        }
        if (order == 0) {
            return Applied.UNCHANGED;
        }
        if (order < 0) {
            return Applied.SUPERSEDED;
        }
        if (remote.deleted() && !local.deleted()) {
            deleteMessages(c, row.pk());
        }
        update(c, remote);
        return Applied.APPLIED;
    }

    /**
     * Adds another device's message (sync) to its conversation and to the search index, in the
     * caller's transaction and without an outbox entry: SKIPPED when the conversation is not here (or
     * was removed here), UNCHANGED when the message already is (by id, by its key in the
     * transcript, or by its seq).
     */
    static Applied applyRemote(Connection c, Message m) throws SQLException {
        long pk = Database.queryLong(c, "SELECT pk FROM conversations WHERE id = ? AND deleted_at IS NULL", -1, m.conversationId());
        if (pk < 0) {
            return Applied.SKIPPED;
        }
        int n = Database.update(c, "INSERT OR IGNORE INTO messages(id, conversation_pk, seq, external_id, parent_external_id, role,"
                        + " content, blocks, model, input_tokens, output_tokens, usage, created_at, response_id)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                m.id(), pk, m.seq(), m.externalId(), m.parentExternalId(), m.role().wire(), m.content(), m.blocks(), m.model(),
                m.inputTokens(), m.outputTokens(), m.usage(), fmt(m.createdAt()), m.responseId());
        if (n == 0) {
            return Applied.UNCHANGED;
        }
        Database.update(c, "INSERT INTO messages_fts(rowid, content) VALUES (last_insert_rowid(), ?)", m.content());
        return Applied.APPLIED;
    }

    static Optional<Row> findByExternal(Connection c, String source, String externalId) throws SQLException {
        List<Row> l = rows(c, "SELECT pk, " + COLS + " FROM conversations WHERE source = ? AND external_id = ?", source, externalId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The conversations whose source id is {@code parent}'s followed by the subagent separator. */
    static List<Conversation> children(Connection c, Conversation parent) throws SQLException {
        String prefix = parent.externalId() + ClaudeCodeParser.AGENT_SEPARATOR;
        List<Conversation> out = new ArrayList<>();
        for (Row r : rows(c, "SELECT pk, " + COLS + " FROM conversations WHERE source = ? AND external_id >= ? AND external_id < ?"
                + " AND deleted_at IS NULL ORDER BY started_at, id", parent.source(), prefix, prefix + "\uffff")) {
            out.add(r.conversation());
        }
        return out;
    }

    /**
     * One record per API response with usage, in live conversations: of the lines of a response
     * (same {@code response_id}), only the last one stored that carries usage.
     */
    static List<UsageRecord> usage(Connection c, Instant since, String projectId) throws SQLException {
        String sql = "SELECT c.source, c.project_id, c.device_id, c.id, c.title, coalesce(m.model, c.model), m.created_at, m.usage,"
                + " m.input_tokens, m.output_tokens FROM messages m JOIN conversations c ON c.pk = m.conversation_pk"
                + " WHERE c.deleted_at IS NULL AND (m.usage IS NOT NULL OR m.input_tokens IS NOT NULL OR m.output_tokens IS NOT NULL)"
                + " AND (m.response_id IS NULL OR m.pk = (SELECT max(x.pk) FROM messages x WHERE x.conversation_pk = m.conversation_pk"
                + " AND x.response_id = m.response_id AND (x.usage IS NOT NULL OR x.input_tokens IS NOT NULL)))"
                + (since == null ? "" : " AND m.created_at >= ?") + (projectId == null ? "" : " AND c.project_id = ?");
        List<Object> args = new ArrayList<>();
        if (since != null) {
            args.add(fmt(since));
        }
        if (projectId != null) {
            args.add(projectId);
        }
        List<UsageRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long in = rs.getLong(9);
                    Long inTokens = rs.wasNull() ? null : in;
                    long o = rs.getLong(10);
                    Long outTokens = rs.wasNull() ? null : o;
                    out.add(new UsageRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), Times.parse(rs.getString(7)), rs.getString(8), inTokens, outTokens));
                }
            }
        }
        return out;
    }

    /** A message's text as stored, for a sweep over every message. */
    record StoredText(long pk, String content, String blocks) {
    }

    /** Up to {@code limit} messages after row {@code afterPk}, in row order. */
    static List<StoredText> texts(Connection c, long afterPk, int limit) throws SQLException {
        List<StoredText> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pk, content, blocks FROM messages WHERE pk > ? ORDER BY pk LIMIT ?")) {
            Database.bind(ps, afterPk, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredText(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** Replaces a message's text (the search index follows through its trigger). */
    static void rewriteText(Connection c, long pk, String content, String blocks) throws SQLException {
        Database.update(c, "UPDATE messages SET content = ?, blocks = ? WHERE pk = ?", content, blocks, pk);
    }

    /** Every conversation, removed ones too. */
    static List<Conversation> everyConversation(Connection c) throws SQLException {
        List<Conversation> out = new ArrayList<>();
        for (Row r : rows(c, "SELECT pk, " + COLS + " FROM conversations ORDER BY pk")) {
            out.add(r.conversation());
        }
        return out;
    }

    static Row resolveRow(Connection c, String key) throws SQLException {
        String k = key.trim();
        if (k.isEmpty()) {
            throw OmniException.invalid("empty conversation id");
        }
        String up = k.toUpperCase(Locale.ROOT);
        List<Row> l = rows(c, "SELECT pk, " + COLS + " FROM conversations WHERE id = ? OR external_id = ?", up, k);
        if (l.isEmpty()) {
            l = rows(c, "SELECT pk, " + COLS + " FROM conversations WHERE (id >= ? AND id < ?) OR (external_id >= ? AND external_id < ?)"
                    + " ORDER BY id LIMIT 5", up, up + "~", k, k + "\uffff");
        }
        if (l.isEmpty()) {
            throw OmniException.notFound(OmniException.Reason.UNKNOWN_CONVERSATION, "no conversation '" + key + "'");
        }
        if (l.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several conversations: "
                    + String.join(", ", l.stream().map(r -> r.conversation().id()).toList()) + (l.size() == 5 ? ", …" : ""));
        }
        return l.get(0);
    }

    /** The conversation with this id, unique id prefix, or source id (a Claude Code session id). */
    static Conversation resolve(Connection c, String key) throws SQLException {
        return resolveRow(c, key).conversation();
    }

    static long insert(Connection c, Conversation v) throws SQLException {
        Database.update(c, "INSERT INTO conversations(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values(v));
        return Database.queryLong(c, "SELECT last_insert_rowid()", -1);
    }

    static void update(Connection c, Conversation v) throws SQLException {
        Object[] vals = values(v);
        Object[] args = new Object[vals.length];
        System.arraycopy(vals, 1, args, 0, vals.length - 1);
        args[vals.length - 1] = v.id();
        Database.update(c, "UPDATE conversations SET source = ?, external_id = ?, project_id = ?, workspace_id = ?, title = ?, cwd = ?,"
                + " model = ?, source_path = ?, message_count = ?, input_tokens = ?, output_tokens = ?, started_at = ?,"
                + " last_message_at = ?, created_at = ?, updated_at = ?, deleted_at = ?, device_id = ? WHERE id = ?", args);
    }

    private static Object[] values(Conversation v) {
        return new Object[] {v.id(), v.source(), v.externalId(), v.projectId(), v.workspaceId(), v.title(), v.cwd(), v.model(),
            v.sourcePath(), v.messageCount(), v.inputTokens(), v.outputTokens(), fmt(v.startedAt()), fmt(v.lastMessageAt()),
            fmt(v.createdAt()), fmt(v.updatedAt()), fmt(v.deletedAt()), v.deviceId()};
    }

    static String fmt(java.time.Instant t) {
        return t == null ? null : Times.format(t);
    }

    static Set<String> messageKeys(Connection c, long pk) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT external_id FROM messages WHERE conversation_pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static long maxSeq(Connection c, long pk) throws SQLException {
        return Database.queryLong(c, "SELECT coalesce(max(seq), 0) FROM messages WHERE conversation_pk = ?", 0, pk);
    }

    /**
     * Adds a conversation's messages from {@code fromSeq} on to the search index. Inserting into
     * messages indexes nothing by itself (see the V3 migration): the writer calls this in the same
     * transaction, once for all the rows it added.
     */
    static void index(Connection c, long conversationPk, long fromSeq) throws SQLException {
        Database.update(c, "INSERT INTO messages_fts(rowid, content) SELECT pk, content FROM messages"
                + " WHERE conversation_pk = ? AND seq >= ?", conversationPk, fromSeq);
    }

    /**
     * Deletes a conversation's messages, and the changes announcing them that were not pushed yet:
     * their data is read at push time (see {@link Outbox#DATA_AT_PUSH}) and the conversation's own
     * change tells the other devices that it is gone.
     */
    static int deleteMessages(Connection c, long pk) throws SQLException {
        Database.update(c, "DELETE FROM outbox WHERE type = ? AND data = ? AND entity_id IN"
                + " (SELECT id FROM messages WHERE conversation_pk = ?)", Outbox.MESSAGE, Outbox.DATA_AT_PUSH, pk);
        return Database.update(c, "DELETE FROM messages WHERE conversation_pk = ?", pk);
    }

    /** The messages with these ids (those that exist), by id. */
    static Map<String, Message> messagesById(Connection c, Collection<String> ids) throws SQLException {
        Map<String, Message> out = new HashMap<>();
        Sql.forEachChunk(ids, part -> {
            for (Message m : messageQuery(c, "SELECT " + MSG_COLS + " FROM messages m JOIN conversations c ON c.pk = m.conversation_pk"
                    + " WHERE m.id IN (" + Sql.placeholders(part.size()) + ")", part.toArray())) {
                out.put(m.id(), m);
            }
        });
        return out;
    }

    /** Inserts messages through one prepared statement, in batches; all are written at the latest by close(). */
    static final class MessageWriter implements AutoCloseable {
        /** Rows sent to SQLite at once: one call into the driver's native code instead of one per row. */
        private static final int BATCH = 512;
        private final PreparedStatement ps;
        private int pending;

        MessageWriter(Connection c) throws SQLException {
            ps = c.prepareStatement("INSERT INTO messages(id, conversation_pk, seq, external_id, parent_external_id, role, content,"
                    + " blocks, model, input_tokens, output_tokens, usage, created_at, response_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }

        void insert(long conversationPk, Message m) throws SQLException {
            ps.setString(1, m.id());
            ps.setLong(2, conversationPk);
            ps.setLong(3, m.seq());
            ps.setString(4, m.externalId());
            ps.setString(5, m.parentExternalId());
            ps.setString(6, m.role().wire());
            ps.setString(7, m.content());
            ps.setString(8, m.blocks());
            ps.setString(9, m.model());
            ps.setObject(10, m.inputTokens());
            ps.setObject(11, m.outputTokens());
            ps.setString(12, m.usage());
            ps.setString(13, fmt(m.createdAt()));
            ps.setString(14, m.responseId());
            ps.addBatch();
            if (++pending == BATCH) {
                ps.executeBatch();
                pending = 0;
            }
        }

        /** Writes what is batched and releases the statement. */
        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    ps.executeBatch();
                }
            } finally {
                ps.close();
            }
        }
    }

    /** Every conversation, removed ones too, oldest first (for sync). */
    static List<Conversation> all(Connection c) throws SQLException {
        List<Conversation> out = new ArrayList<>();
        for (Row r : rows(c, "SELECT pk, " + COLS + " FROM conversations ORDER BY created_at, id")) {
            out.add(r.conversation());
        }
        return out;
    }

    /**
     * Queues a "create" change for every message of every conversation that is not removed, in
     * order, with its data read at push time; returns how many.
     */
    static int requeueMessages(Connection c, Instant at) throws SQLException {
        return Database.update(c, "INSERT INTO outbox(type, entity_id, op, data, at) SELECT ?, m.id, 'create', ?, ?"
                + " FROM messages m JOIN conversations c ON c.pk = m.conversation_pk WHERE c.deleted_at IS NULL"
                + " ORDER BY m.conversation_pk, m.seq", Outbox.MESSAGE, Outbox.DATA_AT_PUSH, Times.format(at));
    }

    /** Conversations matching {@code f}, the most recently active first. */
    static List<Conversation> list(Connection c, ConversationFilter f) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder w = new StringBuilder(f.deleted() ? "deleted_at IS NOT NULL" : "deleted_at IS NULL");
        if (f.projectId() != null) {
            w.append(" AND project_id = ?");
            args.add(f.projectId());
        }
        if (f.workspaceId() != null) {
            w.append(" AND workspace_id = ?");
            args.add(f.workspaceId());
        }
        if (f.source() != null) {
            w.append(" AND source = ?");
            args.add(f.source());
        }
        if (f.since() != null) {
            w.append(" AND coalesce(last_message_at, created_at) >= ?");
            args.add(Times.format(f.since()));
        }
        args.add(f.limit());
        List<Conversation> out = new ArrayList<>();
        for (Row r : rows(c, "SELECT pk, " + COLS + " FROM conversations WHERE " + w
                + " ORDER BY coalesce(last_message_at, created_at) DESC, id DESC LIMIT ?", args.toArray())) {
            out.add(r.conversation());
        }
        return out;
    }

    /** The messages of a conversation in order, from {@code fromSeq}, at most {@code limit}. */
    static List<Message> messages(Connection c, String conversationId, long fromSeq, int limit) throws SQLException {
        return messageQuery(c, "SELECT " + MSG_COLS + " FROM messages m JOIN conversations c ON c.pk = m.conversation_pk"
                + " WHERE c.id = ? AND m.seq >= ? ORDER BY m.seq LIMIT ?", conversationId, fromSeq, limit);
    }

    static List<Message> messageQuery(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Message> out = new ArrayList<>();
                while (rs.next()) {
                    long in = rs.getLong(10);
                    Long inTokens = rs.wasNull() ? null : in;
                    long o = rs.getLong(11);
                    Long outTokens = rs.wasNull() ? null : o;
                    out.add(new Message(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            Role.parse(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9), inTokens, outTokens,
                            rs.getString(12), Times.parse(rs.getString(13)), rs.getString(14)));
                }
                return out;
            }
        }
    }

    /**
     * Messages matching the FTS5 expression {@code match}, best BM25 first. The ORDER BY is FTS5's
     * own rank, which it sorts inside the index; snippets are then made only for the rows returned.
     * A query with very many matches is ranked among the newest ({@link RankWindow}); when the
     * filters leave too few of those, among all.
     */
    static List<MessageHit> search(Connection c, String match, ConversationFilter f) throws SQLException {
        long floor = RankWindow.floor(c, "messages_fts", match);
        List<MessageHit> hits = search(c, match, f, floor);
        return floor > 0 && hits.size() < f.limit() ? search(c, match, f, 0) : hits;
    }

    private static List<MessageHit> search(Connection c, String match, ConversationFilter f, long floor) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(FtsQuery.MARK_START, FtsQuery.MARK_END, match));
        StringBuilder w = new StringBuilder();
        if (floor > 0) {
            w.append(" AND messages_fts.rowid >= ?");
            args.add(floor);
        }
        if (f.projectId() != null) {
            w.append(" AND c.project_id = ?");
            args.add(f.projectId());
        }
        if (f.workspaceId() != null) {
            w.append(" AND c.workspace_id = ?");
            args.add(f.workspaceId());
        }
        if (f.source() != null) {
            w.append(" AND c.source = ?");
            args.add(f.source());
        }
        if (f.since() != null) {
            w.append(" AND m.created_at >= ?");
            args.add(Times.format(f.since()));
        }
        if (f.role() != null) {
            w.append(" AND m.role = ?");
            args.add(f.role().wire());
        }
        args.add(f.limit());
        String sql = "SELECT m.id, m.seq, m.role, m.created_at, c.id, c.title, c.project_id, c.workspace_id, messages_fts.rank,"
                + " snippet(messages_fts, 0, ?, ?, '…', 24)"
                + " FROM messages_fts JOIN messages m ON m.pk = messages_fts.rowid JOIN conversations c ON c.pk = m.conversation_pk"
                + " WHERE messages_fts MATCH ?" + w + " ORDER BY messages_fts.rank LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                List<MessageHit> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new MessageHit(rs.getString(1), rs.getLong(2), Role.parse(rs.getString(3)), Times.parse(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getDouble(9), rs.getString(10)));
                }
                return out;
            }
        }
    }

    static List<Row> rows(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), new Conversation(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11),
                            rs.getLong(12), rs.getLong(13), Times.parse(rs.getString(14)), Times.parse(rs.getString(15)),
                            Times.parse(rs.getString(16)), Times.parse(rs.getString(17)), Times.parse(rs.getString(18)),
                            rs.getString(19))));
                }
                return out;
            }
        }
    }
}
