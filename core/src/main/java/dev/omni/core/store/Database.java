package dev.omni.core.store;

import dev.omni.core.OmniException;
import dev.omni.core.home.ProcessLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * The local SQLite store: one file, WAL mode, foreign keys, a busy timeout. The schema is migrated by
 * Flyway, but only when {@code PRAGMA user_version} says it is behind: Flyway's start-up costs half a
 * second that an up-to-date store never pays.
 *
 * <p>One connection serves the process; {@link #write} runs a {@code BEGIN IMMEDIATE} transaction so
 * that two processes never deadlock upgrading a read lock. A write inside a write of the same thread
 * joins it: a use case composes other packages' writes (each behind its own package's service) and
 * all of them commit together or not at all. Threads that need to read in parallel open their own
 * connection with {@link #openReader()}.
 */
public final class Database implements AutoCloseable {
    /** The version the newest migration in {@code db/migration} brings the schema to. */
    public static final int SCHEMA_VERSION = 4;
    static final int BUSY_TIMEOUT_MS = 30_000;

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
            closeQuietly(c);
            throw translate("open the store", e);
        }
    }

    private static void migrate(Path file, Connection c, Path lockDir) throws SQLException {
        try (ProcessLocks.Held ignored = ProcessLocks.exclusive(lockDir.resolve("migrate.lock"), BUSY_TIMEOUT_MS,
                "another omni process is upgrading the store")) {
            if (userVersion(c) >= SCHEMA_VERSION) {
                return;
            }
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(url(file), null, null)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
        }
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static Connection connect(Path file, boolean readOnly) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        p.setProperty("temp_store", "MEMORY");
        if (readOnly) {
            p.setProperty("open_mode", "1");
        }
        try {
            // Straight to the driver: DriverManager would first scan the class path for drivers.
            Connection c = org.sqlite.JDBC.createConnection(url(file), p);
            if (c == null) {
                throw new SQLException("the SQLite driver refused " + url(file));
            }
            return c;
        } catch (SQLException e) {
            throw translate("open " + file, e);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** A SQL action that may throw. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on the shared connection without a transaction. */
    public <T> T read(SqlWork<T> work) {
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
    public <T> T write(SqlWork<T> work) {
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
            try (Statement s = conn.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            depth = 1;
            Database outer = CURRENT.get();
            CURRENT.set(this);
            boolean ok = false;
            try {
                T result = work.run(conn);
                try (Statement s = conn.createStatement()) {
                    s.execute("COMMIT");
                }
                ok = true;
                return result;
            } finally {
                depth = 0;
                CURRENT.set(outer);
                if (!ok) {
                    try (Statement s = conn.createStatement()) {
                        s.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // the original failure matters more
                    }
                }
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
        return read(c -> queryString(c, "SELECT value FROM meta WHERE key = ?", key));
    }

    /** The value of {@code key} in the {@code meta} table, made by {@code make} and stored the first time. */
    public String metaOrPut(String key, Supplier<String> make) {
        return write(c -> {
            String v = queryString(c, "SELECT value FROM meta WHERE key = ?", key);
            if (v == null) {
                v = make.get();
                update(c, "INSERT INTO meta(key, value) VALUES (?, ?)", key, v);
            }
            return v;
        });
    }

    /** SQLite's quick integrity check: "ok", or what is wrong. */
    public String quickCheck() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    /** Moves the write-ahead log into the database file and truncates it (after gc freed much). */
    public void checkpoint() {
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
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
        if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
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

    /** Convenience: one row's first column as a long, or {@code dflt} when there is no row. */
    public static long queryLong(Connection c, String sql, long dflt, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : dflt;
            }
        }
    }

    public static String queryString(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
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
