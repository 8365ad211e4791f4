package dev.omni.server.store.sqlite;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The SQLite file: WAL (readers never wait for the writer), foreign keys, a busy timeout for the
 * admin commands that open the same file while the server runs. Writes go through one connection
 * under a lock with {@code BEGIN IMMEDIATE}: SQLite has one writer anyway, and queueing in-process
 * is cheaper than spinning on SQLITE_BUSY. Reads borrow one of a few read-only connections.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private static final int READERS = 8;
    private static final long CHECKPOINT_EVERY_MS = 1000;

    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;
    private final List<Connection> all = new ArrayList<>();
    private final Connection checkpointer;
    /** Statements kept prepared per connection; a connection serves one thread at a time. */
    private final Map<Connection, Map<String, PreparedStatement>> prepared = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checkpoints;

    SqliteDatabase(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure(SqliteDatabase.class.getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:dev/omni/server/store/sqlite/migration")
                .loggers("slf4j")
                .load()
                .migrate();
        writer = connect(url, false);
        readers = new ArrayBlockingQueue<>(READERS);
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(url, true));
        }
        // Checkpoints fsync the database file. Run inside a commit (SQLite's default), one of them
        // would stall every writer queued behind it, so they run beside the writes instead.
        checkpointer = connect(url, false);
        try {
            exec(writer, "PRAGMA wal_autocheckpoint = 0");
        } catch (SQLException e) {
            throw failure("configure the database", e);
        }
        checkpoints = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omni-sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
        checkpoints.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            exec(checkpointer, "PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException ignored) {
            // busy or closing: the next round catches up
        }
    }

    private Connection connect(String url, boolean readOnly) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        // NORMAL in WAL mode: a process crash loses nothing, a power loss at most the last commits,
        // and the file is never inconsistent. Object bytes are fsynced on their own.
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        if (readOnly) {
            p.setProperty("open_mode", "1");
        }
        try {
            Connection c = org.sqlite.JDBC.createConnection(url, p);
            if (c == null) {
                throw new SQLException("the SQLite driver refused " + url);
            }
            all.add(c);
            return c;
        } catch (SQLException e) {
            throw failure("open the database", e);
        }
    }

    /** SQL work that may throw. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T read(Work<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("read the database", e);
        } finally {
            readers.add(c);
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed or none of it. */
    <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            exec(writer, "BEGIN IMMEDIATE");
            boolean ok = false;
            try {
                T result = work.run(writer);
                exec(writer, "COMMIT");
                ok = true;
                return result;
            } finally {
                if (!ok) {
                    try {
                        exec(writer, "ROLLBACK");
                    } catch (SQLException ignored) {
                        // the original failure is the one to report
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("write the database", e);
        } finally {
            writeLock.unlock();
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static RuntimeException failure(String what, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
            return new ServerException(ErrorCode.UNAVAILABLE, "the database is busy; try again");
        }
        return new IllegalStateException("cannot " + what + ": " + msg, e);
    }

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * {@code sql} prepared on {@code c} once and kept: for the statements run once per object, where
     * parsing the SQL would cost more than running it. The caller must not close it.
     */
    PreparedStatement cached(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> byConnection = prepared.computeIfAbsent(c, k -> new HashMap<>());
        PreparedStatement ps = byConnection.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            byConnection.put(sql, ps);
        }
        return ps;
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
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

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** Ids per {@code IN (...)} list: well under SQLite's limit of bound parameters. */
    static final int IN_CHUNK = 500;

    /** Runs {@code query} on {@code ids} in chunks of {@link #IN_CHUNK} and joins the results. */
    static <T> List<T> inChunks(Collection<String> ids, java.util.function.Function<List<String>, List<T>> query) {
        List<String> all = new ArrayList<>(ids);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.addAll(query.apply(all.subList(i, Math.min(all.size(), i + IN_CHUNK))));
        }
        return out;
    }

    /** {@code first} followed by {@code rest}, as statement arguments. */
    static Object[] prepend(String first, List<String> rest) {
        Object[] args = new Object[rest.size() + 1];
        args[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            args[i + 1] = rest.get(i);
        }
        return args;
    }

    static String placeholders(int n) {
        StringBuilder b = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ",?");
        }
        return b.toString();
    }

    @Override
    public void close() {
        checkpoints.shutdownNow();
        try {
            checkpoints.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        writeLock.lock();
        try {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing; nothing left to protect
                }
            }
        } finally {
            writeLock.unlock();
        }
    }
}
