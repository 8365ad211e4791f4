package dev.omni.core.semantic;

import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.store.Database;
import dev.omni.core.util.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL of the semantic index (tables of the V7 migration). Callers own the transaction. */
final class Vectors {
    static final int MEMORY = 0;
    static final int MESSAGE = 1;
    /** How many waiting messages a scoped count looks at, at most, on each side of the range done. */
    static final int PENDING_SCAN = 50_000;

    private Vectors() {
    }

    /** The index's model (null: nothing indexed yet) and the range of message pks done. */
    record State(Integer modelId, long msgLow, long msgHigh) {
    }

    static State state(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT model_id, msg_low, msg_high FROM semantic_state WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new State(null, 1, 0);
            }
            int m = rs.getInt(1);
            return new State(rs.wasNull() ? null : m, rs.getLong(2), rs.getLong(3));
        }
    }

    /** The id of {@code model}'s row, made when missing. */
    static int modelId(Connection c, EmbeddingModel model, Instant now) throws SQLException {
        Integer id = findModel(c, model.id());
        if (id != null) {
            return id;
        }
        Database.update(c, "INSERT INTO semantic_models(model, dims, created_at) VALUES (?,?,?)", model.id(), model.dims(),
                Times.format(now));
        return findModel(c, model.id());
    }

    static Integer findModel(Connection c, String modelId) throws SQLException {
        long id = Database.queryLong(c, "SELECT id FROM semantic_models WHERE model = ?", -1, modelId);
        return id < 0 ? null : (int) id;
    }

    static String modelName(Connection c, int id) throws SQLException {
        return Database.queryString(c, "SELECT model FROM semantic_models WHERE id = ?", id);
    }

    /**
     * Starts the index over for {@code modelId}: every vector goes (another model's cannot be
     * compared with this one's), every live memory item waits, and the messages done are none.
     */
    static void reset(Connection c, int modelId, Instant now) throws SQLException {
        Database.update(c, "DELETE FROM semantic_vectors");
        Database.update(c, "DELETE FROM semantic_message_queue");
        Database.update(c, "INSERT OR IGNORE INTO semantic_queue(item_pk) SELECT pk FROM memory_items WHERE deleted_at IS NULL");
        long max = maxMessagePk(c);
        Database.update(c, "UPDATE semantic_state SET model_id = ?, msg_low = ?, msg_high = ?, updated_at = ? WHERE id = 1",
                modelId, max + 1, max, Times.format(now));
    }

    static long maxMessagePk(Connection c) throws SQLException {
        return Database.queryLong(c, "SELECT coalesce(max(pk), 0) FROM messages", 0);
    }

    /** A memory item waiting, with the text it is embedded as. */
    record MemoryText(long pk, String text) {
    }

    /** Up to {@code limit} waiting memory items, the newest first; queue rows of removed items are dropped. */
    static List<MemoryText> queuedMemory(Connection c, int limit) throws SQLException {
        List<MemoryText> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT q.item_pk, m.content, m.rationale, m.tags FROM semantic_queue q"
                + " JOIN memory_items m ON m.pk = q.item_pk WHERE m.deleted_at IS NULL ORDER BY q.item_pk DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MemoryText(rs.getLong(1), Chunker.memory(rs.getString(2), rs.getString(3),
                            MemoryCodec.parseTags(rs.getString(4)))));
                }
            }
        }
        return out;
    }

    /** The current text of a live memory item; null when it is gone or removed. */
    static String memoryText(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT content, rationale, tags FROM memory_items WHERE pk = ? AND deleted_at IS NULL")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Chunker.memory(rs.getString(1), rs.getString(2), MemoryCodec.parseTags(rs.getString(3))) : null;
            }
        }
    }

    static int dropDeadQueueRows(Connection c) throws SQLException {
        return Database.update(c, "DELETE FROM semantic_queue WHERE item_pk NOT IN (SELECT pk FROM memory_items WHERE deleted_at IS NULL)");
    }

    /** A message as read for embedding: its pk, id (to notice a pk reused meanwhile) and chunks. */
    record MessageText(long pk, String id, List<String> chunks) {
    }

    /** Messages above {@code pk}, oldest first, or below it, newest first. */
    static List<MessageText> messages(Connection c, long pk, boolean above, int limit) throws SQLException {
        String sql = "SELECT pk, id, role, content, blocks FROM messages WHERE pk " + (above ? "> ? ORDER BY pk" : "< ? ORDER BY pk DESC")
                + " LIMIT ?";
        List<MessageText> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, pk);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString(3);
                    List<String> chunks = Chunker.embeds(role) ? Chunker.message(role, rs.getString(4), rs.getString(5)) : List.of();
                    out.add(new MessageText(rs.getLong(1), rs.getString(2), chunks));
                }
            }
        }
        return out;
    }

    /** Up to {@code limit} messages whose text changed after they were embedded, with their chunks. */
    static List<MessageText> changedMessages(Connection c, int limit) throws SQLException {
        List<MessageText> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.pk, m.id, m.role, m.content, m.blocks FROM semantic_message_queue q"
                + " JOIN messages m ON m.pk = q.message_pk ORDER BY q.message_pk DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString(3);
                    List<String> chunks = Chunker.embeds(role) ? Chunker.message(role, rs.getString(4), rs.getString(5)) : List.of();
                    out.add(new MessageText(rs.getLong(1), rs.getString(2), chunks));
                }
            }
        }
        return out;
    }

    /** One message as the indexer reads it; null when it is gone. */
    static MessageText message(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pk, id, role, content, blocks FROM messages WHERE pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String role = rs.getString(3);
                return new MessageText(rs.getLong(1), rs.getString(2),
                        Chunker.embeds(role) ? Chunker.message(role, rs.getString(4), rs.getString(5)) : List.of());
            }
        }
    }

    static void dequeueMessage(Connection c, long pk) throws SQLException {
        Database.update(c, "DELETE FROM semantic_message_queue WHERE message_pk = ?", pk);
    }

    static String messageId(Connection c, long pk) throws SQLException {
        return Database.queryString(c, "SELECT id FROM messages WHERE pk = ?", pk);
    }

    /** Replaces the vectors of one source with {@code vectors} (chunk i is vectors[i]). */
    static void put(Connection c, int modelId, int kind, long sourcePk, List<byte[]> vectors) throws SQLException {
        Database.update(c, "DELETE FROM semantic_vectors WHERE kind = ? AND source_pk = ?", kind, sourcePk);
        if (vectors.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO semantic_vectors(model_id, kind, source_pk, chunk, vector) VALUES (?,?,?,?,?)")) {
            for (int i = 0; i < vectors.size(); i++) {
                ps.setInt(1, modelId);
                ps.setInt(2, kind);
                ps.setLong(3, sourcePk);
                ps.setInt(4, i);
                ps.setBytes(5, vectors.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void dequeue(Connection c, long itemPk) throws SQLException {
        Database.update(c, "DELETE FROM semantic_queue WHERE item_pk = ?", itemPk);
    }

    static void setRange(Connection c, long low, long high, Instant now) throws SQLException {
        Database.update(c, "UPDATE semantic_state SET msg_low = ?, msg_high = ?, updated_at = ? WHERE id = 1", low, high, Times.format(now));
    }

    /** How much waits: memory items, and messages outside the range done. */
    record Pending(long memory, long messages) {
        long total() {
            return memory + messages;
        }
    }

    static Pending pending(Connection c, State s) throws SQLException {
        long memory = Database.queryLong(c, "SELECT count(*) FROM semantic_queue", 0);
        long messages = Database.queryLong(c, "SELECT count(*) FROM semantic_message_queue", 0)
                + Database.queryLong(c, "SELECT count(*) FROM messages WHERE pk > ?", 0, s.msgHigh())
                + Database.queryLong(c, "SELECT count(*) FROM messages WHERE pk < ?", 0, s.msgLow());
        return new Pending(memory, messages);
    }

    /** Everything there is to embed: every live memory item, every message (an index of another model, or none). */
    static Pending everything(Connection c) throws SQLException {
        return new Pending(Database.queryLong(c, "SELECT count(*) FROM memory_items WHERE deleted_at IS NULL", 0),
                Database.queryLong(c, "SELECT count(*) FROM messages", 0));
    }

    /** Whether there is any vector at all. */
    static boolean any(Connection c) throws SQLException {
        return Database.queryLong(c, "SELECT count(*) FROM (SELECT 1 FROM semantic_vectors LIMIT 1)", 0) > 0;
    }

    /** When the index last moved over messages (null: never). */
    static Instant updatedAt(Connection c) throws SQLException {
        String at = Database.queryString(c, "SELECT updated_at FROM semantic_state WHERE id = 1");
        return at == null ? null : Times.parse(at);
    }

    /**
     * What waits within one project's scope (its items and the global ones; its conversations' user
     * and assistant messages); {@code projectId} null: everything.
     */
    static Pending pendingIn(Connection c, State s, String projectId) throws SQLException {
        if (projectId == null) {
            return pending(c, s);
        }
        long memory = Database.queryLong(c, "SELECT count(*) FROM semantic_queue q JOIN memory_items m ON m.pk = q.item_pk"
                + " WHERE m.deleted_at IS NULL AND (m.project_id = ? OR m.project_id IS NULL)", 0, projectId);
        // Each side of the range on its own (an OR would scan every message), and at most PENDING_SCAN
        // messages looked at per side: a search asks this every time, even while a large backlog waits.
        long messages = Database.queryLong(c, "SELECT count(*) FROM semantic_message_queue q JOIN messages m ON m.pk = q.message_pk"
                + " JOIN conversations v ON v.pk = m.conversation_pk WHERE v.project_id = ?", 0, projectId);
        for (String side : new String[] {"m.pk > ? ORDER BY m.pk", "m.pk < ? ORDER BY m.pk DESC"}) {
            messages += Database.queryLong(c, "SELECT count(*) FROM (SELECT v.project_id p, m.role r FROM messages m"
                    + " JOIN conversations v ON v.pk = m.conversation_pk WHERE " + side + " LIMIT " + PENDING_SCAN + ")"
                    + " WHERE p = ? AND r IN ('user', 'assistant')", 0, side.startsWith("m.pk >") ? s.msgHigh() : s.msgLow(), projectId);
        }
        return new Pending(memory, messages);
    }

    /** The vectors there are (all of the state's model: a reset drops the others), and of how many memory items and messages. */
    record Counts(long vectors, long memoryItems, long messages) {
    }

    static Counts counts(Connection c) throws SQLException {
        long vectors = 0;
        long memory = 0;
        long messages = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, count(*), count(DISTINCT source_pk) FROM semantic_vectors"
                + " INDEXED BY semantic_vectors_source GROUP BY kind");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                vectors += rs.getLong(2);
                if (rs.getInt(1) == MEMORY) {
                    memory = rs.getLong(3);
                } else {
                    messages = rs.getLong(3);
                }
            }
        }
        return new Counts(vectors, memory, messages);
    }

    /** One stored vector, as a scan reads it. */
    record Row(long pk, int kind, long sourcePk, int chunk, byte[] vector) {
    }

    /** Calls {@code sink} for every vector of {@code modelId} of the given kinds. */
    static void scan(Connection c, int modelId, boolean memory, boolean messages, RowSink sink) throws SQLException {
        scan(c, modelId, 0, memory, messages, sink);
    }

    /** Calls {@code sink} for every vector of {@code modelId} of the given kinds whose pk is above {@code afterPk}. */
    static void scan(Connection c, int modelId, long afterPk, boolean memory, boolean messages, RowSink sink) throws SQLException {
        String kinds = memory && messages ? "" : memory ? " AND kind = 0" : " AND kind = 1";
        try (PreparedStatement ps = c.prepareStatement("SELECT pk, kind, source_pk, chunk, vector FROM semantic_vectors"
                + " WHERE pk > ? AND model_id = ?" + kinds + " ORDER BY pk")) {
            ps.setLong(1, afterPk);
            ps.setInt(2, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getBytes(5));
                }
            }
        }
    }

    /** Calls {@code sink} for the vectors with these pks that still exist. */
    static void byPks(Connection c, java.util.Collection<Long> pks, RowSink sink) throws SQLException {
        List<Long> all = new ArrayList<>(pks);
        for (int i = 0; i < all.size(); i += 500) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT pk, kind, source_pk, chunk, vector FROM semantic_vectors WHERE pk IN ("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                Database.bind(ps, part.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getBytes(5));
                    }
                }
            }
        }
    }

    /** How many vectors there are, and how many with a pk up to {@code upto}. */
    static long count(Connection c, long upto) throws SQLException {
        return Database.queryLong(c, "SELECT count(*) FROM semantic_vectors WHERE pk <= ?", 0, upto);
    }

    /** The ids (memory item or message ULIDs) of sources by pk. */
    static java.util.Map<Long, String> ids(Connection c, int kind, java.util.Collection<Long> pks) throws SQLException {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        List<Long> all = new ArrayList<>(pks);
        String table = kind == MEMORY ? "memory_items" : "messages";
        for (int i = 0; i < all.size(); i += 500) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT pk, id FROM " + table + " WHERE pk IN ("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                Database.bind(ps, part.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    /** Calls {@code sink} for every vector of {@code modelId} of the sources with these ids. */
    static void byIds(Connection c, int modelId, int kind, java.util.Collection<String> ids, IdSink sink) throws SQLException {
        List<String> all = new ArrayList<>(ids);
        String table = kind == MEMORY ? "memory_items" : "messages";
        for (int i = 0; i < all.size(); i += 500) {
            List<String> part = all.subList(i, Math.min(all.size(), i + 500));
            // CROSS JOIN keeps the few named rows the outer loop: SQLite would otherwise scan every vector.
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, v.source_pk, v.chunk, v.vector FROM " + table + " s"
                    + " CROSS JOIN semantic_vectors v ON v.kind = ? AND v.source_pk = s.pk WHERE v.model_id = ? AND s.id IN ("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                List<Object> args = new ArrayList<>();
                args.add(kind);
                args.add(modelId);
                args.addAll(part);
                Database.bind(ps, args.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBytes(4));
                    }
                }
            }
        }
    }

    /** Receives the vectors of sources named by id. */
    @FunctionalInterface
    interface IdSink {
        void accept(String id, long sourcePk, int chunk, byte[] vector);
    }

    /** Receives scanned vectors. */
    @FunctionalInterface
    interface RowSink {
        void accept(long pk, int kind, long sourcePk, int chunk, byte[] vector);
    }
}
