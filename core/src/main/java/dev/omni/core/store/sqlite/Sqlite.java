package dev.omni.core.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * Opening, migrating and writing an SQLite file the way omni does everywhere: WAL (readers never
 * wait for the writer), foreign keys on, a busy timeout so that another process holding the write
 * lock is waited for rather than failed, and write transactions that begin {@code IMMEDIATE} so
 * that two writers never deadlock upgrading a read lock. Each caller adds its own settings (its
 * {@code synchronous} level, temp store) and maps {@link SQLException}s to its own errors.
 */
public final class Sqlite {
    /** How long a connection waits for another one's write lock before SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MS = 30_000;

    private Sqlite() {
    }

    /** SQL work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /**
     * The connection settings every omni database has, with the given {@code synchronous} level
     * ({@code NORMAL}, {@code FULL}); the caller may add more before {@link #connect}.
     */
    public static Properties settings(String synchronous) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", synchronous);
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        return p;
    }

    /** Opens {@code file} with {@code settings}; read-only connections cannot write by mistake. */
    public static Connection connect(Path file, Properties settings, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        p.putAll(settings);
        if (readOnly) {
            p.setProperty("open_mode", "1");
        }
        // Straight to the driver: DriverManager would first scan the class path for drivers.
        Connection c = org.sqlite.JDBC.createConnection(url(file), p);
        if (c == null) {
            throw new SQLException("the SQLite driver refused " + url(file));
        }
        return c;
    }

    /** Brings {@code file} to the newest of the Flyway migrations at {@code location} (e.g. {@code classpath:db/migration}). */
    public static void migrate(Path file, ClassLoader loader, String location) {
        Flyway.configure(loader)
                .dataSource(url(file), null, null)
                .locations(location)
                .loggers("slf4j")
                .load()
                .migrate();
    }

    /**
     * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction: all of it is committed, or none
     * of it (the first failure is the one thrown). The caller keeps other threads off {@code c}.
     */
    public static <T> T transaction(Connection c, Work<T> work) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
        boolean ok = false;
        try {
            T result = work.run(c);
            exec(c, "COMMIT");
            ok = true;
            return result;
        } finally {
            if (!ok) {
                try {
                    exec(c, "ROLLBACK");
                } catch (SQLException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether {@code e} means another connection held the lock past the busy timeout. */
    public static boolean busy(SQLException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains("SQLITE_BUSY") || msg.contains("database is locked");
    }

    public static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing; nothing left to protect
        }
    }
}
