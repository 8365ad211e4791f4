package dev.omni.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.store.DatabaseUrl;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The PostgreSQL database behind a pool (HikariCP), migrated by Flyway at open (Flyway serialises
 * instances that start together with an advisory lock). Reads run in autocommit; writes in one
 * transaction each, retried when PostgreSQL reports a serialisation failure or a deadlock.
 * Correctness across instances comes from the statements themselves (conditional updates,
 * {@code ON CONFLICT}, row locks) and from {@link #lockListing}, never from anything held in memory.
 */
final class PostgresDatabase implements AutoCloseable {
    private static final int RETRIES = 5;
    private final HikariDataSource pool;
    private final DatabaseUrl url;

    PostgresDatabase(DatabaseUrl url, int poolSize, MeterRegistry registry) {
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setPoolName("omni-postgresql");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(10_000);
        // A pool that cannot connect at start fails at once, with the driver's reason.
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", "omni-server");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database " + url + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure(PostgresDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:dev/omni/server/store/postgres/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the database " + url + ": " + rootMessage(e), e);
        }
    }

    DatabaseUrl url() {
        return url;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** SQL work that may throw. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it is committed or none of it. The work may run
     * more than once (after a serialisation failure or a deadlock), so it must not have effects
     * outside the database.
     */
    <T> T write(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < RETRIES && retryable(e)) {
                    continue;
                }
                throw failure("write", e);
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it and the original failure is reported
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private RuntimeException failure(String what, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        // Class 08: the connection failed; 57P0x: the server is shutting down; 53: out of resources.
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
            return new ServerException(ErrorCode.UNAVAILABLE, "the database is unavailable; try again");
        }
        if (e instanceof java.sql.SQLTransientConnectionException) {
            return new ServerException(ErrorCode.UNAVAILABLE, "the database is busy; try again");
        }
        return new IllegalStateException("cannot " + what + " the database " + url + ": " + e.getMessage(), e);
    }

    /**
     * Serialises, across instances, the transactions that add rows to one listing (a project's
     * snapshots and activity, a user's change log): taken just before a sequence number is drawn
     * and held until commit, it makes the order of the numbers the order of the commits, so a
     * listing cursor never passes a row that is still to commit. Taken as late as possible, after
     * the transaction's other work, so that it is held for an insert and a commit only.
     */
    static void lockListing(Connection c, String listing) throws SQLException {
        lockKey(c, "omni-listing:" + listing);
    }

    /** Serialises transactions about one key (e.g. a user code), across instances, until commit. */
    static void lockKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            ps.executeQuery().close();
        }
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            return ps.executeUpdate();
        }
    }

    /** Binds arguments; a {@link TextArray} becomes a {@code text[]} (for {@code = ANY(?)} and {@code unnest}). */
    static void bind(Connection c, PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof TextArray t) {
                Array array = c.createArrayOf("text", t.values().toArray());
                ps.setArray(i + 1, array);
            } else if (a instanceof LongArray l) {
                ps.setArray(i + 1, c.createArrayOf("bigint", l.values()));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    /** A statement argument bound as {@code text[]}. */
    record TextArray(Collection<String> values) {
    }

    /** A statement argument bound as {@code bigint[]}. */
    record LongArray(Long[] values) {
    }

    /** Whether the database answers. */
    void ping() {
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                ps.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
