package dev.omni.server.cli;

import dev.omni.server.storage.Migration;
import dev.omni.server.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", description = {"Move a single-machine server (SQLite and pack files under --from-data) to"
        + " PostgreSQL and S3-compatible storage, without loss. Stop the old server first; run again to resume an"
        + " interrupted migration (nothing is copied twice). Clients keep working without logging in again."})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from-data", paramLabel = "DIR", required = true,
            description = "The data directory of the server to move.")
    Path fromData;

    @Option(names = "--to-db", paramLabel = "URL",
            description = "The PostgreSQL database to move to: postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE"
                    + " (default: $OMNI_SERVER_DB).")
    String toDb;

    @Option(names = "--to-db-password-file", paramLabel = "FILE",
            description = "Read the database password from FILE (default: $OMNI_SERVER_DB_PASSWORD_FILE, $OMNI_SERVER_DB_PASSWORD).")
    Path passwordFile;

    @Option(names = "--to-objects", paramLabel = "URL",
            description = "The bucket to move the objects to: s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION&path_style=true"
                    + " (default: $OMNI_SERVER_OBJECTS; without either the objects stay in --from-data's pack files).")
    String toObjects;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        DataDirOption target = new DataDirOption();
        target.data = fromData;
        target.db = toDb;
        target.dbPasswordFile = passwordFile;
        target.objects = toObjects;
        Storage to = target.storage();
        if (to.database() == null) {
            throw new IllegalArgumentException("name the PostgreSQL database to move to with --to-db (or $OMNI_SERVER_DB)");
        }
        new Migration(fromData, to, out, Clock.systemUTC()).run();
        out.println("check it with: omni-server verify --db " + to.database() + (to.objects() == null ? " --data " + fromData
                : " --objects '" + toObjects(to) + "'"));
        return 0;
    }

    private String toObjects(Storage to) {
        return toObjects != null ? toObjects : System.getenv("OMNI_SERVER_OBJECTS");
    }
}
