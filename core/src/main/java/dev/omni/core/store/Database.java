package dev.omni.core.store;

import dev.omni.core.OmniException;
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

/**
 * The local SQLite store: one file, opened as every omni database is ({@link Sqlite}: WAL, foreign
 * keys, a busy timeout). The schema is migrated by Flyway, but only when {@code PRAGMA user_version}
 * says it is behind: Flyway's start-up costs half a second that an up-to-date store never pays.
 *
 * <p>One connection serves the process; {@link #write} runs a {@code BEGIN IMMEDIATE} transaction so
 * that two processes never deadlock upgrading a read lock. Threads that need to read in parallel
 * open their own connection with {@link #openReader()}.
 */
public final class Database implements AutoCloseable {
    /** The version the newest migration in {@code db/migration} brings the schema to. */
    public static final int SCHEMA_VERSION = 4;
    static final int BUSY_TIMEOUT_MS = Sqlite.BUSY_TIMEOUT_MS;

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

    /** Runs {@code work} in one write transaction: all of it is committed, or none of it. */
    public <T> T write(Sqlite.Work<T> work) {
        lock.lock();
        try {
            return Sqlite.transaction(conn, work);
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
