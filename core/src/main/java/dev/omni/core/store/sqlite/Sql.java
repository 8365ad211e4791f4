package dev.omni.core.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Statement helpers: binding, one-value queries, row mapping, and {@code IN (...)} lists in chunks. */
public final class Sql {
    /** Values per {@code IN (...)} list: well under SQLite's limit of bound parameters. */
    public static final int IN_CHUNK = 500;

    private Sql() {
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work on one chunk of an {@code IN} list. */
    @FunctionalInterface
    public interface ChunkWork<T> {
        void run(List<T> chunk) throws SQLException;
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** One row's first column as a long, or {@code dflt} when there is no row. */
    public static long queryLong(Connection c, String sql, long dflt, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : dflt;
            }
        }
    }

    /** One row's first column as a string, or null when there is no row. */
    public static String queryString(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** {@code ?,?,?}: {@code n} placeholders for an {@code IN (...)} list. */
    public static String placeholders(int n) {
        StringBuilder b = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ",?");
        }
        return b.toString();
    }

    /** Runs {@code work} on {@code items} in chunks of {@link #IN_CHUNK}, in order. */
    public static <T> void forEachChunk(Collection<T> items, ChunkWork<T> work) throws SQLException {
        List<T> all = items instanceof List<T> l ? l : new ArrayList<>(items);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            work.run(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
    }

    /** Runs {@code query} on {@code items} in chunks of {@link #IN_CHUNK} and joins the results. */
    public static <T, R> List<R> inChunks(Collection<T> items, Function<List<T>, List<R>> query) {
        List<T> all = new ArrayList<>(items);
        List<R> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.addAll(query.apply(all.subList(i, Math.min(all.size(), i + IN_CHUNK))));
        }
        return out;
    }

    /** {@code first} followed by {@code rest}, as statement arguments. */
    public static Object[] prepend(Object first, List<?> rest) {
        Object[] args = new Object[rest.size() + 1];
        args[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            args[i + 1] = rest.get(i);
        }
        return args;
    }
}
