package dev.omni.core.store;

import dev.omni.core.OmniException;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.store.sqlite.Sql;
import dev.omni.core.store.sqlite.Sqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The local SQLite store: one file, opened as every omni database is ({@link Sqlite}: WAL, foreign
 * keys, a busy timeout). The schema is migrated by Flyway, but only when {@code PRAGMA user_version}
 * says it is behind: Flyway's start-up costs half a second that an up-to-date store never pays.
 *
 * <p>One connection serves the process; {@link #write} runs a {@code BEGIN IMMEDIATE} transaction so
 * that two processes never deadlock upgrading a read lock. A write inside a write of the same thread
 * joins it: a use case composes other packages' writes (each behind its own package's service) and
 * all of them commit together or not at all. Threads that need to read in parallel open their own
 * connection with {@link #openReader()}.
 */
public final class Database implements AutoCloseable {
    /** The version the newest migration in {@code db/migration} brings the schema to. */
    public static final int SCHEMA_VERSION = 6;
    static final int BUSY_TIMEOUT_MS = Sqlite.BUSY_TIMEOUT_MS;

    private final Path file;
    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    /** How deep the calling thread is in write transactions; only the thread holding {@link #lock} changes it. */
    private int depth;
    /** The database whose write transaction the calling thread is in, for {@link #current()}. */
    private static final ThreadLocal<Database> CURRENT = new ThreadLocal<>();

    private Database(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens (creating if needed) and migrates the database at {@code file}. */
    public static Database open(Path file, Path lockDir) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        Connection c = connect(file, false);
        try {
            int version = userVersion(c);
            if (version < SCHEMA_VERSION) {
                migrate(file, c, lockDir);
            } else if (version > SCHEMA_VERSION) {
                c.close();
                throw new OmniException(OmniException.Kind.CONFLICT, "the store at " + file.getParent()
                        + " was written by a newer omni (schema " + version + ", this omni knows "
                        + SCHEMA_VERSION + "); upgrade omni");
            }
            return new Database(file, c);
        } catch (SQLException e) {
            Sqlite.closeQuietly(c);
            throw translate("open the store", e);
        }
    }

    private static void migrate(Path file, Connection c, Path lockDir) throws SQLException {
        try (ProcessLocks.Held ignored = ProcessLocks.exclusive(lockDir.resolve("migrate.lock"), BUSY_TIMEOUT_MS,
                "another omni process is upgrading the store")) {
            if (userVersion(c) >= SCHEMA_VERSION) {
                return;
            }
            Sqlite.migrate(file, Database.class.getClassLoader(), "classpath:db/migration");
            Sqlite.exec(c, "PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }

    private static Connection connect(Path file, boolean readOnly) {
        // NORMAL in WAL mode: a crash of the process loses nothing, a power loss at most the last commits.
        Properties p = Sqlite.settings("NORMAL");
        p.setProperty("temp_store", "MEMORY");
        try {
            return Sqlite.connect(file, p, readOnly);
        } catch (SQLException e) {
            throw translate("open " + file, e);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        return (int) Sql.queryLong(c, "PRAGMA user_version", 0);
    }

    /** Runs {@code work} on the shared connection without a transaction. */
    public <T> T read(Sqlite.Work<T> work) {
        lock.lock();
        try {
            return work.run(conn);
        } catch (SQLException e) {
            throw translate("read the store", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one write transaction: all of it is committed, or none of it. Called while
     * the same thread has a write transaction open, it runs inside that one (which commits or rolls
     * back everything, this work included).
     */
    public <T> T write(Sqlite.Work<T> work) {
        lock.lock();
        try {
            if (depth > 0) {
                // Only this thread can be in the transaction: it holds the lock from BEGIN to COMMIT.
                depth++;
                try {
                    return work.run(conn);
                } finally {
                    depth--;
                }
            }
            Database outer = CURRENT.get();
            depth = 1;
            CURRENT.set(this);
            try {
                return Sqlite.transaction(conn, work);
            } finally {
                depth = 0;
                CURRENT.set(outer);
            }
        } catch (SQLException e) {
            throw translate("write to the store", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one write transaction, like {@link #write}, for use cases that compose the
     * writes of several packages (each of which joins it) and touch no SQL themselves.
     */
    public <T> T transaction(Supplier<T> work) {
        return write(c -> work.get());
    }

    /** Whether the calling thread is inside a write transaction of this database. */
    public boolean inTransaction() {
        return lock.isHeldByCurrentThread() && depth > 0;
    }

    /**
     * The database whose write transaction the calling thread is in: for records that must be written
     * in the transaction of the change they belong to (the outbox), and nowhere else.
     *
     * @throws IllegalStateException outside a write transaction
     */
    public static Database current() {
        Database d = CURRENT.get();
        if (d == null || !d.inTransaction()) {
            throw new IllegalStateException("not inside a write transaction");
        }
        return d;
    }

    /** A value of the {@code meta} table, or null. */
    public String meta(String key) {
        return read(c -> Sql.queryString(c, "SELECT value FROM meta WHERE key = ?", key));
    }

    /** The value of {@code key} in the {@code meta} table, made by {@code make} and stored the first time. */
    public String metaOrPut(String key, Supplier<String> make) {
        return write(c -> {
            String v = Sql.queryString(c, "SELECT value FROM meta WHERE key = ?", key);
            if (v == null) {
                v = make.get();
                Sql.update(c, "INSERT INTO meta(key, value) VALUES (?, ?)", key, v);
            }
            return v;
        });
    }

    /** SQLite's quick integrity check: "ok", or what is wrong. */
    public String quickCheck() {
        return read(c -> {
            String r = Sql.queryString(c, "PRAGMA quick_check");
            return r == null ? "no answer" : r;
        });
    }

    /** Moves the write-ahead log into the database file and truncates it (after gc freed much). */
    public void checkpoint() {
        read(c -> {
            Sqlite.exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
            return null;
        });
    }

    /** A separate connection for a thread that reads in parallel; the caller closes it. */
    public Connection openReader() {
        return connect(file, true);
    }

    public Path file() {
        return file;
    }

    /** Maps SQLite errors a user can meet to clear messages. */
    public static OmniException translate(String what, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (Sqlite.busy(e)) {
            return new OmniException(OmniException.Kind.BUSY,
                    "cannot " + what + ": the store is busy (another omni process is writing); try again", e);
        }
        if (msg.contains("SQLITE_CORRUPT") || msg.contains("SQLITE_NOTADB") || msg.contains("malformed")) {
            return new OmniException(OmniException.Kind.CORRUPT, "cannot " + what + ": the database is damaged (" + msg + ")", e);
        }
        if (msg.contains("SQLITE_READONLY") || msg.contains("SQLITE_CANTOPEN") || msg.contains("SQLITE_PERM")) {
            return new OmniException(OmniException.Kind.IO, "cannot " + what + ": " + msg, e);
        }
        if (msg.contains("SQLITE_FULL")) {
            return new OmniException(OmniException.Kind.IO, "cannot " + what + ": the disk is full", e);
        }
        return new OmniException(OmniException.Kind.FAILURE, "cannot " + what + ": " + msg, e);
    }

    /** One row's first column as a long, or {@code dflt} when there is no row ({@link Sql#queryLong}). */
    public static long queryLong(Connection c, String sql, long dflt, Object... args) throws SQLException {
        return Sql.queryLong(c, sql, dflt, args);
    }

    public static String queryString(Connection c, String sql, Object... args) throws SQLException {
        return Sql.queryString(c, sql, args);
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        return Sql.update(c, sql, args);
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        Sql.bind(ps, args);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing; nothing left to protect
        } finally {
            lock.unlock();
        }
    }
}
