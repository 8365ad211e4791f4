package dev.omni.core.memory;

import dev.omni.core.OmniException;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.store.Database;
import dev.omni.core.store.RankWindow;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for memory items, their history and their search index; {@link MemoryService} is their API. */
final class Memories {
    static final String COLS = "id, project_id, type, content, rationale, category, status, priority, effort, tags, importance,"
            + " source_kind, source_id, access_count, accessed_at, created_at, updated_at, deleted_at, device_id, version";
    private static final String MCOLS = "m." + COLS.replace(", ", ", m.");
    /** BM25 column weights: content, rationale, tags. A tag names what the item is about. */
    private static final String BM25 = "bm25(memory_fts, 1.0, 0.6, 1.5)";

    private Memories() {
    }

    /**
     * Records a change: the row, its history entry and its outbox entry, in the caller's
     * transaction. {@code op} is create, update, delete or restore.
     */
    static void write(Connection c, MemoryItem m, String op) throws SQLException {
        if (op.equals("create")) {
            insert(c, m);
        } else {
            update(c, m);
        }
        String data = MemoryCodec.toJson(m);
        history(c, m, op, data);
        Outbox.append(Outbox.MEMORY_ITEM, m.id(), op, data, m.updatedAt());
    }

    /**
     * Applies another device's version of an item (sync), in the caller's transaction, without an
     * outbox entry (it is that device's change, not this one's). Last writer wins by
     * {@code (updated_at, device_id)}; the losing version, whichever side it came from, stays in the
     * item's history. Applying the same version twice changes nothing. Access counts stay local.
     */
    static Applied applyRemote(Connection c, MemoryItem remote, String op) throws SQLException {
        MemoryItem local = find(c, remote.id()).orElse(null);
        String data = MemoryCodec.toJson(remote);
        if (local != null && remote.updatedAt().equals(local.updatedAt()) && remote.deviceId().equals(local.deviceId())) {
            return Applied.UNCHANGED;
        }
        if (local != null && !remote.newerThan(local)) {
            history(c, remote, "superseded", data);
            return Applied.SUPERSEDED;
        }
        if (local == null) {
            insert(c, remote.toBuilder().access(0, null).build());
        } else {
            update(c, remote.toBuilder().access(local.accessCount(), local.accessedAt()).build());
        }
        history(c, remote, op, data);
        return Applied.APPLIED;
    }

    private static void history(Connection c, MemoryItem m, String op, String data) throws SQLException {
        Database.update(c, "INSERT INTO memory_history(memory_id, version, op, data, device_id, at) VALUES (?,?,?,?,?,?)",
                m.id(), m.version(), op, data, m.deviceId(), Times.format(m.updatedAt()));
    }

    private static void insert(Connection c, MemoryItem m) throws SQLException {
        Database.update(c, "INSERT INTO memory_items(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values(m, true));
    }

    private static void update(Connection c, MemoryItem m) throws SQLException {
        Object[] v = values(m, false);
        int n = Database.update(c, "UPDATE memory_items SET project_id = ?, type = ?, content = ?, rationale = ?, category = ?,"
                + " status = ?, priority = ?, effort = ?, tags = ?, importance = ?, source_kind = ?, source_id = ?,"
                + " access_count = ?, accessed_at = ?, created_at = ?, updated_at = ?, deleted_at = ?, device_id = ?, version = ?"
                + " WHERE id = ?", v);
        if (n != 1) {
            throw OmniException.notFound("no memory item " + m.id());
        }
    }

    private static Object[] values(MemoryItem m, boolean idFirst) {
        List<Object> v = new ArrayList<>(20);
        if (idFirst) {
            v.add(m.id());
        }
        v.add(m.projectId());
        v.add(m.type().wire());
        v.add(m.content());
        v.add(m.rationale());
        v.add(m.category() == null ? null : m.category().wire());
        v.add(m.status() == null ? null : m.status().wire());
        v.add(m.priority());
        v.add(m.effort() == null ? null : m.effort().wire());
        v.add(MemoryCodec.tagsJson(m.tags()));
        v.add(m.importance());
        v.add(m.sourceKind());
        v.add(m.sourceId());
        v.add(m.accessCount());
        v.add(m.accessedAt() == null ? null : Times.format(m.accessedAt()));
        v.add(Times.format(m.createdAt()));
        v.add(Times.format(m.updatedAt()));
        v.add(m.deletedAt() == null ? null : Times.format(m.deletedAt()));
        v.add(m.deviceId());
        v.add(m.version());
        if (!idFirst) {
            v.add(m.id());
        }
        return v.toArray();
    }

    static Optional<MemoryItem> find(Connection c, String id) throws SQLException {
        List<MemoryItem> l = query(c, "SELECT " + COLS + " FROM memory_items WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The item with this id or unique id prefix (case does not matter); a clear error otherwise. */
    static MemoryItem resolve(Connection c, String key) throws SQLException {
        String k = key.trim().toUpperCase(java.util.Locale.ROOT);
        if (k.isEmpty()) {
            throw OmniException.invalid("empty memory id");
        }
        Optional<MemoryItem> exact = find(c, k);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<MemoryItem> l = query(c, "SELECT " + COLS + " FROM memory_items WHERE id >= ? AND id < ? ORDER BY id LIMIT 5", k, k + "~");
        if (l.isEmpty()) {
            throw OmniException.notFound(OmniException.Reason.UNKNOWN_MEMORY_ITEM, "no memory item '" + key + "'");
        }
        if (l.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several memory items: "
                    + String.join(", ", l.stream().map(MemoryItem::id).toList()) + (l.size() == 5 ? ", …" : ""));
        }
        return l.get(0);
    }

    /** A live decision of {@code projectId} (null: global) with exactly this text. */
    static Optional<MemoryItem> liveDecision(Connection c, String projectId, String content) throws SQLException {
        List<MemoryItem> l = query(c, "SELECT " + COLS + " FROM memory_items WHERE type = 'decision' AND deleted_at IS NULL"
                + " AND project_id IS ? AND content = ? LIMIT 1", projectId, content);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Every item, removed ones too, oldest change first (for sync). */
    static List<MemoryItem> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLS + " FROM memory_items ORDER BY updated_at, id");
    }

    /** Items matching {@code f}, most recently changed first. */
    static List<MemoryItem> list(Connection c, MemoryFilter f) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(f, args, "m.");
        args.add(f.limit());
        return query(c, "SELECT " + MCOLS + " FROM memory_items m WHERE " + where + " ORDER BY m.updated_at DESC, m.id DESC LIMIT ?",
                args.toArray());
    }

    /**
     * Live items matching the FTS5 expression {@code match} and {@code f}: best BM25 first, then
     * importance, then the latest change. Snippets are made only for the items returned, in a second
     * query: a snippet re-reads the item's text, which a popular word would do for every match. A
     * query with very many matches is ranked among the newest ({@link RankWindow}).
     */
    static List<MemoryHit> search(Connection c, String match, MemoryFilter f) throws SQLException {
        long floor = RankWindow.floor(c, "memory_fts", match);
        List<MemoryHit> hits = search(c, match, f, floor);
        return floor > 0 && hits.size() < f.limit() ? search(c, match, f, 0) : hits;
    }

    private static List<MemoryHit> search(Connection c, String match, MemoryFilter f, long floor) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(match);
        if (floor > 0) {
            args.add(floor);
        }
        String where = where(f.withDeleted(false), args, "m.");
        args.add(f.limit());
        // Only keys and scores go through the sort: a sort carries every column it selects, for every match.
        String sql = "SELECT m.pk, " + BM25 + " AS score FROM memory_fts JOIN memory_items m ON m.pk = memory_fts.rowid"
                + " WHERE memory_fts MATCH ?" + (floor > 0 ? " AND memory_fts.rowid >= ?" : "") + " AND " + where
                + " ORDER BY round(score, 2), m.importance DESC, m.updated_at DESC LIMIT ?";
        List<Long> pks = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pks.add(rs.getLong(1));
                    scores.add(rs.getDouble(2));
                }
            }
        }
        if (pks.isEmpty()) {
            return List.of();
        }
        String in = "?" + ",?".repeat(pks.size() - 1);
        Map<Long, MemoryItem> items = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + ", pk FROM memory_items WHERE pk IN (" + in + ")")) {
            Database.bind(ps, pks.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.put(rs.getLong(21), row(rs));
                }
            }
        }
        Map<Long, String> snippets = new HashMap<>();
        List<Object> sargs = new ArrayList<>(List.of(FtsQuery.MARK_START, FtsQuery.MARK_END, match));
        sargs.addAll(pks);
        try (PreparedStatement ps = c.prepareStatement("SELECT rowid, snippet(memory_fts, -1, ?, ?, '…', 16) FROM memory_fts"
                + " WHERE memory_fts MATCH ? AND rowid IN (" + in + ")")) {
            Database.bind(ps, sargs.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    snippets.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        List<MemoryHit> out = new ArrayList<>(pks.size());
        for (int i = 0; i < pks.size(); i++) {
            MemoryItem m = items.get(pks.get(i));
            out.add(new MemoryHit(m, scores.get(i), snippets.getOrDefault(pks.get(i), m.content())));
        }
        return out;
    }

    private static String where(MemoryFilter f, List<Object> args, String t) {
        StringBuilder w = new StringBuilder(f.deleted() ? t + "deleted_at IS NOT NULL" : t + "deleted_at IS NULL");
        switch (f.scope()) {
            case ALL -> {
            }
            case GLOBAL -> w.append(" AND ").append(t).append("project_id IS NULL");
            case PROJECT -> {
                w.append(" AND ").append(t).append("project_id = ?");
                args.add(f.projectId());
            }
            case PROJECT_AND_GLOBAL -> {
                w.append(" AND (").append(t).append("project_id = ? OR ").append(t).append("project_id IS NULL)");
                args.add(f.projectId());
            }
        }
        if (f.type() != null) {
            w.append(" AND ").append(t).append("type = ?");
            args.add(f.type().wire());
        }
        if (f.tag() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM json_each(").append(t).append("tags) WHERE json_each.value = ?)");
            args.add(f.tag());
        }
        if (f.since() != null) {
            w.append(" AND ").append(t).append("updated_at >= ?");
            args.add(Times.format(f.since()));
        }
        if (!f.statuses().isEmpty()) {
            w.append(" AND ").append(t).append("status IN (");
            int k = 0;
            for (NextStatus s : f.statuses()) {
                w.append(k++ == 0 ? "?" : ",?");
                args.add(s.wire());
            }
            w.append(')');
        }
        return w.toString();
    }

    /** Counts a read of each item: local statistics only (no history, no outbox). */
    static void countAccess(Connection c, Collection<String> ids, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE memory_items SET access_count = access_count + 1, accessed_at = ? WHERE id = ?")) {
            for (String id : ids) {
                ps.setString(1, Times.format(now));
                ps.setString(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<HistoryEntry> history(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, memory_id, version, op, data, device_id, at FROM memory_history WHERE memory_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<HistoryEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), Times.parse(rs.getString(7))));
                }
                return out;
            }
        }
    }

    static List<MemoryItem> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Database.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<MemoryItem> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        }
    }

    private static MemoryItem row(ResultSet rs) throws SQLException {
        String category = rs.getString(6);
        String status = rs.getString(7);
        int pri = rs.getInt(8);
        Integer priority = rs.wasNull() ? null : pri;
        String effort = rs.getString(9);
        return new MemoryItem(rs.getString(1), rs.getString(2), MemoryType.parse(rs.getString(3)), rs.getString(4),
                rs.getString(5), category == null ? null : DecisionCategory.parse(category),
                status == null ? null : NextStatus.parse(status), priority, effort == null ? null : Effort.parse(effort),
                MemoryCodec.parseTags(rs.getString(10)), rs.getDouble(11), rs.getString(12), rs.getString(13), rs.getLong(14),
                Times.parse(rs.getString(15)), Times.parse(rs.getString(16)), Times.parse(rs.getString(17)),
                Times.parse(rs.getString(18)), rs.getString(19), rs.getLong(20));
    }
}
