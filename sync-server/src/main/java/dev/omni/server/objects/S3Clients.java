package dev.omni.server.objects;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the S3 client of an {@link S3Location}. */
public final class S3Clients {
    private S3Clients() {
    }

    /**
     * A client for {@code where}; {@code credentials} null means the AWS SDK's default chain
     * (environment, system properties, profiles, container and instance roles).
     */
    public static S3Client build(S3Location where, AwsCredentialsProvider credentials, int maxConnections) {
        var builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(maxConnections)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(region(where)))
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .forcePathStyle(where.pathStyle())
                // Checksums only where S3 requires them: S3-compatible services (R2, MinIO, Ceph, s3proxy)
                // do not all take the trailing checksums newer SDKs send by default; omni verifies every
                // object against its SHA-256 id anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (where.endpoint() != null) {
            builder.endpointOverride(where.endpoint());
        }
        return builder.build();
    }

    private static String region(S3Location where) {
        if (where.region() != null && !where.region().isEmpty()) {
            return where.region();
        }
        if (where.endpoint() == null) {
            try {
                return new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkException e) {
                // no region configured anywhere: S3's default
            }
        }
        return "us-east-1";
    }
}
