package dev.omni.core.store;

import dev.omni.core.OmniException;
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
import org.flywaydb.core.Flyway;

/**
 * The local SQLite store: one file, WAL mode, foreign keys, a busy timeout. The schema is migrated by
 * Flyway, but only when {@code PRAGMA user_version} says it is behind: Flyway's start-up costs half a
 * second that an up-to-date store never pays.
 *
 * <p>One connection serves the process; {@link #write} runs a {@code BEGIN IMMEDIATE} transaction so
 * that two processes never deadlock upgrading a read lock. Threads that need to read in parallel
 * open their own connection with {@link #openReader()}.
 */
public final class Database implements AutoCloseable {
    /** The version the newest migration in {@code db/migration} brings the schema to. */
    public static final int SCHEMA_VERSION = 6;
    static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path file;
    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();

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

    /** Runs {@code work} in one write transaction: all of it is committed, or none of it. */
    public <T> T write(SqlWork<T> work) {
        lock.lock();
        try {
            try (Statement s = conn.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            boolean ok = false;
            try {
                T result = work.run(conn);
                try (Statement s = conn.createStatement()) {
                    s.execute("COMMIT");
                }
                ok = true;
                return result;
            } finally {
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
