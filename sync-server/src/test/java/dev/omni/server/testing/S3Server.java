package dev.omni.server.testing;

import dev.omni.server.objects.S3Clients;
import dev.omni.server.objects.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the tests: s3proxy (from Maven Central) over its filesystem blob
 * store in a temporary directory, in this JVM on 127.0.0.1 and a free port, with AWS signature
 * checks on. One per test JVM; each test server gets a bucket of its own ({@link #newBucket}).
 * Objects are plain files under {@link #directory()}, so tests can look at what a bucket holds.
 */
public final class S3Server {
    public static final String ACCESS_KEY = "omni-test-access";
    public static final String SECRET_KEY = "omni-test-secret-key";
    private static S3Server shared;

    private final S3Proxy proxy;
    private final Path directory;
    private final AtomicInteger buckets = new AtomicInteger();
    private final S3Client admin;

    private S3Server(S3Proxy proxy, Path directory) {
        this.proxy = proxy;
        this.directory = directory;
        this.admin = S3Clients.build(location("admin"), credentials(), 4);
    }

    public static synchronized S3Server shared() {
        if (shared == null) {
            shared = start();
            S3Server s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "s3proxy-stop"));
        }
        return shared;
    }

    private static S3Server start() {
        try {
            Path dir = Files.createTempDirectory("omni-s3");
            Properties p = new Properties();
            p.setProperty("jclouds.filesystem.basedir", dir.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                    .overrides(p).build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.onSpinWait();
            }
            // For the commands the tests run in this JVM: they take credentials from the AWS SDK's
            // default chain, which reads these (the same for every test of the JVM).
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            return new S3Server(proxy, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Where the buckets' objects are files. */
    public Path directory() {
        return directory;
    }

    S3Location location(String bucket) {
        return new S3Location(bucket, "", endpoint(), "us-east-1", true);
    }

    /** A new, empty bucket. */
    public S3Location newBucket() {
        String name = "omni-test-" + buckets.incrementAndGet();
        admin.createBucket(b -> b.bucket(name));
        return location(name);
    }

    /** {@code --objects} for {@code where}. */
    public String url(S3Location where) {
        return "s3://" + where.bucket() + (where.prefix().isEmpty() ? "" : "/" + where.prefix()) + "?endpoint="
                + endpoint() + "&region=us-east-1&path_style=true";
    }

    /** A client with the test credentials, for looking into buckets. */
    public S3Client client() {
        return admin;
    }

    private void stop() {
        try {
            admin.close();
            proxy.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
        TestServer.deleteTree(directory);
    }
}
