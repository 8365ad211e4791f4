package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.model.Hashing;
import dev.omni.core.model.Ulid;
import dev.omni.server.cli.Main;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import dev.omni.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 object store against a real S3-compatible server (s3proxy): packs in the bucket read with
 * ranged GETs, large objects through multipart uploads, damage found by verify, orphans removed by
 * gc, and nothing visible that was not verified.
 */
class S3ObjectStoreTest {
    static final String BATCH = "application/vnd.omni.objects-batch";
    TestServer server;
    TestUser ann;
    ApiClient api;
    S3Client s3;
    String bucket;

    @BeforeEach
    void start() {
        server = TestServer.start(Backend.POSTGRES, TestServer.testOptions().toBuilder()
                .limits(limits(TestServer.testOptions().limits())).build());
        ann = server.createUser("ann@example.org", "correct horse battery");
        api = server.client(server.login(ann));
        s3 = S3Server.shared().client();
        bucket = server.storage().objects().bucket();
    }

    static ServerOptions.Limits limits(ServerOptions.Limits l) {
        return new ServerOptions.Limits(l.jsonBodyBytes(), 40L << 20, l.batchBytes(), l.batchObjects(), l.batchObjectBytes(),
                l.idsPerRequest(), l.changesPerRequest(), l.pageSize(), l.concurrentObjectSyncs());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(o -> o.key())
                .filter(k -> !k.endsWith("/")).toList();
    }

    record Run(int code, String out) {
    }

    Run cli(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(server.cliArgs());
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), new ByteArrayInputStream(new byte[0]),
                all.toArray(new String[0]));
        return new Run(code, out.toString());
    }

    static Obj random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new Obj(Hashing.sha256(b), b);
    }

    @Test
    void aLargeObjectStreamsIntoAMultipartUploadAndIsReadBackWhole() {
        Obj large = random(20 * 1024 * 1024, 1);
        assertThat(api.putBytes("/v1/objects/" + large.hex(), large.bytes()).status()).isEqualTo(201);
        assertThat(keys()).containsExactly(ann.id() + "/objects/" + large.hex());
        assertThat(api.get("/v1/objects/" + large.hex()).body()).isEqualTo(large.bytes());
        assertThat(api.putBytes("/v1/objects/" + large.hex(), large.bytes()).json()).containsEntry("status", "exists");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        Run v = cli("verify");
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("ok: 1 objects").doesNotContain("note:");
    }

    @Test
    void aLargeUploadWhoseBytesDoNotMatchItsIdIsAbortedAndLeavesNothing() {
        Obj large = random(12 * 1024 * 1024, 2);
        String claimed = random(10, 3).hex();
        Reply r = api.putBytes("/v1/objects/" + claimed, large.bytes());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("hash_mismatch");
        assertThat(api.get("/v1/objects/" + claimed).status()).isEqualTo(404);
        assertThat(keys()).as("the multipart upload was never completed").isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).as("and it was aborted").isEmpty();
    }

    @Test
    void batchObjectsShareOnePackPerCommitAndAreReadWithRangedGets() {
        List<Obj> objects = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            objects.add(Fixtures.blob("small object " + i));
        }
        assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(objects)).status()).isEqualTo(200);
        assertThat(keys()).hasSize(1).allMatch(k -> k.startsWith(ann.id() + "/packs/"));
        for (Obj o : objects) {
            assertThat(api.get("/v1/objects/" + o.hex()).body()).isEqualTo(o.bytes());
        }
    }

    @Test
    void withCompressionOnBatchObjectsAreStoredSmallerAndServedRaw() {
        Obj text = Fixtures.blob("a line of source code that repeats;\n".repeat(2000));
        try (TestServer compressing = TestServer.start(server.storage(), TestServer.testOptions().toBuilder()
                .objectCompression(3).build())) {
            ApiClient c = compressing.client(compressing.login(ann));
            assertThat(c.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(text))).status()).isEqualTo(200);
        }
        long stored = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().filter(o -> o.key().endsWith(".pack"))
                .mapToLong(o -> o.size()).sum();
        assertThat(stored).isLessThan(text.bytes().length / 4);
        assertThat(api.get("/v1/objects/" + text.hex()).body()).as("read back without the option").isEqualTo(text.bytes());
        assertThat(cli("verify").out()).contains("ok: 1 objects");
    }

    @Test
    void verifyFindsAFlippedByteAndAPackThatIsGone() {
        Obj first = random(1000, 4);
        Obj second = random(1100, 5);
        Obj alone = random(1200, 6);
        assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(first, second))).status()).isEqualTo(200);
        assertThat(api.putBytes("/v1/objects/" + alone.hex(), alone.bytes()).status()).isEqualTo(201);
        assertThat(cli("verify").code()).isZero();
        String batchPack = packHolding(2);
        String alonePack = packHolding(1);
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(batchPack)).asByteArray();
        bytes[8 + 49 + 500] ^= 1;
        s3.putObject(b -> b.bucket(bucket).key(batchPack), RequestBody.fromBytes(bytes));
        s3.deleteObject(b -> b.bucket(bucket).key(alonePack));

        Run damaged = cli("verify");
        assertThat(damaged.code()).isEqualTo(1);
        assertThat(damaged.out())
                .containsPattern("PROBLEM .*object " + first.hex() + " .*hash")
                .containsPattern("PROBLEM .*pack .* is gone")
                .doesNotContain("object " + second.hex())
                .contains("2 problems; 3 objects");
        assertThat(api.get("/v1/objects/" + alone.hex()).status()).as("an object whose bytes are gone is an error, not 404")
                .isEqualTo(500);
    }

    @Test
    void anOrphanPackIsNotedByVerifyAndRemovedByGcOnceOlderThanTheGracePeriod() {
        Obj kept = random(500, 7);
        assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(kept))).status()).isEqualTo(200);
        String orphan = ann.id() + "/packs/" + new Ulid(Clock.systemUTC()).next() + ".pack";
        s3.putObject(b -> b.bucket(bucket).key(orphan), RequestBody.fromBytes("OMNIPAK1 and nothing indexed"
                .getBytes(StandardCharsets.US_ASCII)));
        s3.putObject(b -> b.bucket(bucket).key("someone-elses/file.txt"), RequestBody.fromString("not omni's"));

        Run v = cli("verify");
        assertThat(v.code()).as("an orphan is no damage").isZero();
        assertThat(v.out()).contains("note: orphan " + orphan).doesNotContain("someone-elses");
        assertThat(cli("gc").out()).as("young: an upload may be in flight").contains("removed 0 orphans")
                .contains("1 younger than PT1H left alone");
        assertThat(cli("gc", "--grace", "PT0S", "--dry-run").out()).contains("would remove " + orphan);
        assertThat(keys()).contains(orphan);
        assertThat(cli("gc", "--grace", "PT0S").out()).contains("removed " + orphan).contains("removed 1 orphans");
        assertThat(keys()).doesNotContain(orphan).contains("someone-elses/file.txt");
        assertThat(api.get("/v1/objects/" + kept.hex()).body()).isEqualTo(kept.bytes());
        assertThat(cli("verify").out()).doesNotContain("note:");
    }

    @Test
    void housekeepingAbortsMultipartUploadsOlderThanADay() {
        TestClock clock = new TestClock(java.time.Instant.now());
        try (TestServer later = TestServer.start(server.storage(), TestServer.testOptions().toBuilder().clock(clock).build())) {
            String key = ann.id() + "/objects/" + random(10, 9).hex();
            s3.createMultipartUpload(b -> b.bucket(bucket).key(key));
            later.server().housekeepingNow();
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).as("not a day old yet").hasSize(1);
            clock.advance(java.time.Duration.ofDays(2));
            later.server().housekeepingNow();
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void anotherUsersObjectAnswers404EvenWhenItsKeyIsKnown() {
        Obj mine = random(700, 8);
        assertThat(api.putBytes("/v1/objects/" + mine.hex(), mine.bytes()).status()).isEqualTo(201);
        TestUser bob = server.createUser("bob@example.org", "correct horse battery");
        ApiClient bobApi = server.client(server.login(bob));
        assertThat(bobApi.get("/v1/objects/" + mine.hex()).status()).isEqualTo(404);
        assertThat(bobApi.postJson("/v1/objects/missing", Map.of("ids", List.of(mine.hex()))).json().get("missing"))
                .isEqualTo(List.of(mine.hex()));
        assertThat(bobApi.putBytes("/v1/objects/" + mine.hex(), mine.bytes()).status()).as("bob stores his own copy")
                .isEqualTo(201);
        assertThat(keys()).anyMatch(k -> k.startsWith(bob.id() + "/")).anyMatch(k -> k.startsWith(ann.id() + "/"));
    }

    private String packHolding(int entries) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .filter(o -> o.key().endsWith(".pack") && o.size() > 8 && countEntries(o.key()) == entries)
                .map(o -> o.key()).findFirst().orElseThrow();
    }

    private int countEntries(String key) {
        byte[] b = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        int n = 0;
        int at = 8;
        while (at + 49 <= b.length) {
            long stored = java.nio.ByteBuffer.wrap(b, at + 41, 8).getLong();
            at += 49 + (int) stored;
            n++;
        }
        return Arrays.equals(Arrays.copyOf(b, 8), "OMNIPAK1".getBytes(StandardCharsets.US_ASCII)) ? n : -1;
    }
}
