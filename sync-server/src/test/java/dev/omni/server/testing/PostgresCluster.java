package dev.omni.server.testing;

import dev.omni.server.store.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} package (installed by the
 * build when missing, see {@code sync-server/ensure-test-tools.sh}) run in a temporary cluster on
 * 127.0.0.1 and a free port, one per test JVM, stopped when the JVM exits. PostgreSQL refuses to run
 * as root, so as root it runs as the {@code postgres} user the package creates. Each test server gets
 * a database of its own ({@link #newDatabase}). The cluster trades durability for speed (no fsync):
 * it is thrown away anyway.
 */
public final class PostgresCluster {
    private static final String USER = "omni";
    private static PostgresCluster shared;

    private final Path root;
    private final int port;
    private final String password;
    private final Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path root, int port, String password, Process process) {
        this.root = root;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** The cluster of this JVM, started at the first call. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start();
            PostgresCluster c = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "postgres-stop"));
        }
        return shared;
    }

    private static PostgresCluster start() {
        Path bin = binaries();
        try {
            Path root = Files.createTempDirectory("omni-pg");
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path pwfile = root.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            boolean asRoot = isRoot();
            if (asRoot) {
                chownToPostgres(root);
                chownToPostgres(pwfile);
            }
            run(asRoot, root.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(),
                    "-U", USER, "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync");
            Files.delete(pwfile);
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                Process p = launch(asRoot, root.resolve("postgres.log"), bin.resolve("postgres").toString(),
                        "-D", root.resolve("data").toString(), "-p", Integer.toString(port), "-k", root.toString(),
                        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=400", "-c", "shared_buffers=64MB");
                PostgresCluster c = new PostgresCluster(root, port, password, p);
                if (c.awaitReady()) {
                    return c;
                }
                last = new IOException("PostgreSQL did not start on port " + port + ":\n"
                        + Files.readString(root.resolve("postgres.log")));
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }

    /** The newest PostgreSQL under /usr/lib/postgresql (Debian's layout), or $OMNI_TEST_PG_BIN. */
    private static Path binaries() {
        String env = System.getenv("OMNI_TEST_PG_BIN");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> s = Files.list(debian)) {
                Path newest = s.filter(p -> Files.isExecutable(p.resolve("bin").resolve("postgres")))
                        .max(Comparator.comparingInt(p -> version(p.getFileName().toString()))).orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql: the build installs Debian's"
                + " postgresql package (sync-server/ensure-test-tools.sh); or set OMNI_TEST_PG_BIN to its bin directory");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToPostgres(Path p) throws IOException {
        UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName("postgres");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static List<String> command(boolean asRoot, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asRoot) {
            // setpriv execs (no process of its own in between), so the Process is the server itself.
            cmd.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Process launch(boolean asRoot, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(asRoot, args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static void run(boolean asRoot, Path log, String... args) throws IOException {
        Process p = launch(asRoot, log, args);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", args) + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private boolean awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection c = connect("postgres")) {
                return true;
            } catch (SQLException e) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        process.destroyForcibly();
        return false;
    }

    /** A superuser connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    /** A fresh, empty database; the URL carries no password (it is in {@link DatabaseUrl#password()}). */
    public synchronized DatabaseUrl newDatabase() {
        String name = "omni_test_" + databases.incrementAndGet();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public DatabaseUrl url(String database) {
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, password);
    }

    /** {@code postgresql://omni@127.0.0.1:PORT/DATABASE}: no password (give it with --db-password-file). */
    public String publicUrl(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    public String password() {
        return password;
    }

    /** Where the files of {@code database} are. */
    public Path databaseDirectory(String database) throws SQLException {
        try (Connection c = connect("postgres"); var ps = c.prepareStatement("SELECT oid FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no database " + database);
                }
                return root.resolve("data").resolve("base").resolve(Long.toString(rs.getLong(1)));
            }
        }
    }

    /** The cluster's write-ahead log. */
    public Path walDirectory() {
        return root.resolve("data").resolve("pg_wal");
    }

    /** A file holding the password, for {@code --db-password-file}. */
    public synchronized Path passwordFile() {
        Path f = root.resolve("client-password");
        if (!Files.exists(f)) {
            try {
                Files.writeString(f, password + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return f;
    }

    public int port() {
        return port;
    }

    /** Drops a database, disconnecting whoever still uses it. */
    public void dropDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a database left behind goes with the cluster
        }
    }

    private void stop() {
        try {
            // SIGQUIT: immediate shutdown; the cluster is thrown away, nothing needs to be flushed.
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestServer.deleteTree(root);
    }
}
