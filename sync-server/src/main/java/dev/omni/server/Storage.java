package dev.omni.server;

import dev.omni.core.model.Ulid;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.objects.PackObjectStore;
import dev.omni.server.objects.S3Clients;
import dev.omni.server.objects.S3Location;
import dev.omni.server.objects.S3ObjectStore;
import dev.omni.server.store.DatabaseUrl;
import dev.omni.server.store.MetadataStore;
import dev.omni.server.store.postgres.PostgresMetadataStore;
import dev.omni.server.store.sqlite.SqliteMetadataStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Which backends a server (or an admin command) uses: metadata in SQLite under {@code dataDir}
 * unless {@code database} names a PostgreSQL database; objects in pack files under {@code dataDir}
 * unless {@code objects} names an S3 bucket. {@code dataDir} also holds the request log.
 *
 * @param credentials S3 credentials; null: the AWS SDK's default chain
 * @param poolSize    PostgreSQL connections of this process
 */
public record Storage(Path dataDir, DatabaseUrl database, S3Location objects, AwsCredentialsProvider credentials,
                      int poolSize) {

    /** SQLite and pack files under {@code dataDir}: the embedded default. */
    public static Storage local(Path dataDir) {
        return new Storage(dataDir, null, null, null, PostgresMetadataStore.DEFAULT_POOL);
    }

    public Storage withDatabase(DatabaseUrl url) {
        return new Storage(dataDir, url, objects, credentials, poolSize);
    }

    public Storage withObjects(S3Location where, AwsCredentialsProvider creds) {
        return new Storage(dataDir, database, where, creds, poolSize);
    }

    public Storage withPoolSize(int size) {
        return new Storage(dataDir, database, objects, credentials, size);
    }

    /** Opens (creating and migrating as needed) the metadata store; {@code registry} may be null. */
    public MetadataStore openMetadata(MeterRegistry registry) {
        if (database != null) {
            return PostgresMetadataStore.open(database, poolSize, registry);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        return SqliteMetadataStore.open(dataDir.resolve("server.db"));
    }

    /**
     * Opens the object store for serving. The disk store takes the data directory's lock and
     * recovers what a crash left; the S3 store checks that the bucket answers.
     */
    public ObjectStore openObjects(MetadataStore store, int concurrentSyncs, int compression, Clock clock)
            throws IOException {
        if (objects == null) {
            return PackObjectStore.open(dataDir, store.objectIndex(), new Ulid(clock), concurrentSyncs, compression);
        }
        S3ObjectStore s3 = new S3ObjectStore(S3Clients.build(objects, credentials, Math.max(16, poolSize * 4)), objects,
                store.objectIndex(), new Ulid(clock), compression);
        try {
            s3.ping();
        } catch (ServerException e) {
            s3.close();
            throw new IllegalStateException("cannot reach the object store " + objects + ": " + e.getMessage(), e);
        }
        return s3;
    }

    @Override
    public String toString() {
        return "metadata in " + (database != null ? database.toString() : dataDir.resolve("server.db").toString())
                + ", objects in " + (objects != null ? objects.toString() : dataDir.resolve("objects").toString());
    }
}
