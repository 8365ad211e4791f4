package dev.omni.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Bounds the cost of ranking a query that matches a large part of an index. FTS5 computes BM25
 * for every match before it can return the best few, so a word found in half of a million
 * messages costs hundreds of milliseconds. For such a word BM25 says little anyway (its inverse
 * document frequency is near zero), so a query with more than {@link #SIZE} matches is ranked
 * among its {@link #SIZE} newest ones (rowids grow with insertion). Finding where that window
 * starts walks the matches from the newest, without scoring them.
 */
public final class RankWindow {
    /** How many of the newest matches a broad query is ranked among. */
    public static final int SIZE = 10_000;

    private RankWindow() {
    }

    /**
     * The smallest rowid of the {@link #SIZE} newest matches of {@code match} in the FTS5 table
     * {@code table}, or 0 when there are no more matches than that (rank them all).
     */
    public static long floor(Connection c, String table, String match) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?"
                + " ORDER BY rowid DESC LIMIT 1 OFFSET " + (SIZE - 1))) {
            ps.setString(1, match);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
