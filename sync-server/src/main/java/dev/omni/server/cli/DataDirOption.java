package dev.omni.server.cli;

import dev.omni.server.storage.Storage;
import dev.omni.server.objects.S3Location;
import dev.omni.server.store.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --data DIR} and the backends ({@code --db}, {@code --db-password-file}, {@code --objects}),
 * shared by every command, so that {@code user}, {@code verify} and {@code gc} reach the same
 * stores as {@code serve}.
 */
final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $OMNI_SERVER_DATA, else $XDG_DATA_HOME/omni-server, else ~/.local/share/omni-server).")
    Path data;

    @Option(names = "--db", paramLabel = "URL",
            description = {"Metadata in PostgreSQL: postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE or a jdbc:postgresql: URL"
                    + " (default: $OMNI_SERVER_DB, else SQLite under --data).",
                "Better give the password with --db-password-file or $OMNI_SERVER_DB_PASSWORD than in the URL."})
    String db;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "Read the database password from the first line of FILE (default: $OMNI_SERVER_DB_PASSWORD_FILE).")
    Path dbPasswordFile;

    @Option(names = "--objects", paramLabel = "URL",
            description = {"Objects in S3-compatible storage: s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION&path_style=true"
                    + " (default: $OMNI_SERVER_OBJECTS, else pack files under --data).",
                "Credentials come from the AWS SDK's chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles, roles."})
    String objects;

    Path resolve() {
        return data != null ? data : Main.defaultDataDir(System.getenv());
    }

    /** The backends these options and the environment name. */
    Storage storage() {
        return storage(System.getenv());
    }

    Storage storage(Map<String, String> env) {
        Storage s = Storage.local(resolve());
        String dbUrl = db != null ? db : nonEmpty(env.get("OMNI_SERVER_DB"));
        if (dbUrl != null) {
            s = s.withDatabase(DatabaseUrl.parse(dbUrl, password(env)));
        } else if (dbPasswordFile != null) {
            throw new IllegalArgumentException("--db-password-file needs --db (or $OMNI_SERVER_DB)");
        }
        String objectsUrl = objects != null ? objects : nonEmpty(env.get("OMNI_SERVER_OBJECTS"));
        if (objectsUrl != null) {
            s = s.withObjects(S3Location.parse(objectsUrl), null);
        }
        return s;
    }

    private String password(Map<String, String> env) {
        Path file = dbPasswordFile;
        if (file == null && nonEmpty(env.get("OMNI_SERVER_DB_PASSWORD_FILE")) != null) {
            file = Path.of(env.get("OMNI_SERVER_DB_PASSWORD_FILE"));
        }
        if (file != null) {
            try {
                String first = Files.readString(file).lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw new IllegalArgumentException("the database password file " + file + " is empty");
                }
                return first;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the database password file " + file + ": " + e.getMessage(), e);
            }
        }
        return nonEmpty(env.get("OMNI_SERVER_DB_PASSWORD"));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
