package dev.omni.server.store.sqlite;

import dev.omni.core.store.sqlite.Sqlite;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file, opened as every omni database is ({@link Sqlite}: WAL, so readers never wait for
 * the writer; foreign keys; a busy timeout for the admin commands that open the same file while
 * the server runs; statement helpers in {@link dev.omni.core.store.sqlite.Sql}). Writes go through one connection
 * under a lock with {@code BEGIN IMMEDIATE}: SQLite has one writer anyway, and queueing in-process
 * is cheaper than spinning on SQLITE_BUSY. Reads borrow one of a few read-only connections.
 */
final class SqliteDatabase implements AutoCloseable {
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
        Sqlite.migrate(file, SqliteDatabase.class.getClassLoader(), "classpath:dev/omni/server/store/sqlite/migration");
        writer = connect(file, false);
        readers = new ArrayBlockingQueue<>(READERS);
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(file, true));
        }
        // Checkpoints fsync the database file. Run inside a commit (SQLite's default), one of them
        // would stall every writer queued behind it, so they run beside the writes instead.
        checkpointer = connect(file, false);
        try {
            Sqlite.exec(writer, "PRAGMA wal_autocheckpoint = 0");
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
            Sqlite.exec(checkpointer, "PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException ignored) {
            // busy or closing: the next round catches up
        }
    }

    private Connection connect(Path file, boolean readOnly) {
        // NORMAL in WAL mode: a process crash loses nothing, a power loss at most the last commits,
        // and the file is never inconsistent. Object bytes are fsynced on their own.
        Properties p = Sqlite.settings("NORMAL");
        try {
            Connection c = Sqlite.connect(file, p, readOnly);
            all.add(c);
            return c;
        } catch (SQLException e) {
            throw failure("open the database", e);
        }
    }

    <T> T read(Sqlite.Work<T> work) {
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
    <T> T write(Sqlite.Work<T> work) {
        writeLock.lock();
        try {
            return Sqlite.transaction(writer, work);
        } catch (SQLException e) {
            throw failure("write the database", e);
        } finally {
            writeLock.unlock();
        }
    }

    private static RuntimeException failure(String what, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (Sqlite.busy(e)) {
            return new ServerException(ErrorCode.UNAVAILABLE, "the database is busy; try again");
        }
        return new IllegalStateException("cannot " + what + ": " + msg, e);
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
            all.forEach(Sqlite::closeQuietly);
        } finally {
            writeLock.unlock();
        }
    }
}
