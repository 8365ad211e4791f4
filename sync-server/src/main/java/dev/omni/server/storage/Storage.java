package dev.omni.server.storage;

import dev.omni.core.model.Ulid;
import dev.omni.server.ServerException;
import dev.omni.server.objects.ObjectStore;
import dev.omni.server.objects.ObjectVerifier;
import dev.omni.server.objects.S3Maintenance;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
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

    /** Re-reads and re-hashes every object of {@code users} (all when empty); see {@link ObjectVerifier}, {@link S3Maintenance}. */
    public ObjectVerifier.Report verifyObjects(MetadataStore store, List<String> users) {
        if (objects == null) {
            return new ObjectVerifier(dataDir, store.objectIndex()).verify(users);
        }
        try (S3Client s3 = S3Clients.build(objects, credentials, 8)) {
            return new S3Maintenance(s3, objects, store.objectIndex()).verify(users);
        }
    }

    /**
     * Removes what dead uploads left in the bucket (orphans and incomplete multipart uploads older
     * than {@code grace}). The disk store needs none: a start recovers its packs.
     */
    public S3Maintenance.GcReport collectGarbage(MetadataStore store, Duration grace, Instant now, boolean dryRun) {
        if (objects == null) {
            throw new IllegalArgumentException("gc is for the S3 object store (--objects); pack files on disk are"
                    + " recovered by 'omni-server serve' when it starts");
        }
        try (S3Client s3 = S3Clients.build(objects, credentials, 8)) {
            return new S3Maintenance(s3, objects, store.objectIndex()).gc(grace, now, dryRun);
        }
    }

    @Override
    public String toString() {
        return "metadata in " + (database != null ? database.toString() : dataDir.resolve("server.db").toString())
                + ", objects in " + (objects != null ? objects.toString() : dataDir.resolve("objects").toString());
    }
}
