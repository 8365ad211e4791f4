package dev.omni.server;

import static dev.omni.server.testing.Fixtures.blob;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.S3Server;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Object upload (single and batch), the missing check, download, and the request limits. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@SuppressWarnings("unchecked")
class ObjectsApiTest {
    @Parameter
    Backend backend;
    static final String BATCH = "application/vnd.omni.objects-batch";
    static TestServer server;
    static ApiClient api;
    static TestUser ann;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        ServerOptions o = TestServer.testOptions();
        ServerOptions.Limits l = o.limits();
        server = TestServer.start(backend, o.toBuilder().limits(new ServerOptions.Limits(64 * 1024, 1 << 20, 2 << 20, 5,
                1024, 100, l.changesPerRequest(), l.pageSize(), l.concurrentObjectSyncs())).build());
        ann = server.createUser("ann@example.org", "correct horse battery");
        api = server.client(server.login(ann));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void singleUploadIsVerifiedStoredAndIdempotent() {
        Obj o = blob("hello objects");
        assertThat(api.get("/v1/objects/" + o.hex()).status()).isEqualTo(404);
        Reply put = api.putBytes("/v1/objects/" + o.hex(), o.bytes());
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json()).containsEntry("status", "stored");
        Reply again = api.putBytes("/v1/objects/" + o.hex(), o.bytes());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("status", "exists");
        Reply get = api.get("/v1/objects/" + o.hex());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(o.bytes());
        assertThat(get.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void aBodyThatDoesNotHashToItsIdIsRefusedAndNotStored() {
        Obj o = blob("the real content");
        Reply r = api.putBytes("/v1/objects/" + o.hex(), "something else".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("hash_mismatch");
        assertThat(api.get("/v1/objects/" + o.hex()).status()).isEqualTo(404);
        assertThat(api.putBytes("/v1/objects/NOT-HEX", o.bytes()).status()).isEqualTo(400);
    }

    @Test
    void missingAnswersWhatTheUserLacksInOrderWithoutDuplicates() {
        Obj have = blob("have it");
        Obj lack1 = blob("lack one");
        Obj lack2 = blob("lack two");
        api.putBytes("/v1/objects/" + have.hex(), have.bytes());
        Reply r = api.postJson("/v1/objects/missing", Map.of("ids", List.of(lack2.hex(), have.hex(), lack1.hex(), lack2.hex())));
        assertThat(r.json().get("missing")).isEqualTo(List.of(lack2.hex(), lack1.hex()));
        assertThat(api.postJson("/v1/objects/missing", Map.of("ids", List.of("xyz"))).status()).isEqualTo(400);
    }

    @Test
    void tooManyIdsAnswers413() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(blob("id " + i).hex());
        }
        Reply r = api.postJson("/v1/objects/missing", Map.of("ids", ids));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error()).isEqualTo("too_many_ids");
    }

    @Test
    void tooLargeBodiesAnswer413() {
        byte[] big = new byte[(1 << 20) + 1];
        Obj o = new Obj(dev.omni.core.model.Hashing.sha256(big), big);
        Reply r = api.putBytes("/v1/objects/" + o.hex(), big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error()).isEqualTo("too_large");
        char[] pad = new char[70 * 1024];
        Arrays.fill(pad, 'x');
        assertThat(api.putJson("/v1/projects/01M80000000000000000000000", Map.of("name", new String(pad))).status())
                .isEqualTo(413);
    }

    @Test
    void batchStoresEveryObjectAndReportsEachOne() {
        Obj a = blob("batch a");
        Obj b = blob("batch b");
        api.putBytes("/v1/objects/" + b.hex(), b.bytes());
        Reply r = api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(a, b, a)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("stored", 1).containsEntry("existing", 2).containsEntry("rejected", 0);
        assertThat((List<Object>) r.json().get("results")).extracting("status").containsExactly("stored", "exists", "exists");
        assertThat(api.get("/v1/objects/" + a.hex()).body()).isEqualTo(a.bytes());
    }

    @Test
    void batchRejectsMismatchingObjectsOneByOneAndStoresTheRest() {
        Obj good = blob("good one");
        Obj liar = new Obj(blob("claimed").id(), "actual".getBytes(StandardCharsets.UTF_8));
        Reply r = api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(liar, good)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("hash_mismatch");
        List<?> results = (List<Object>) r.json().get("results");
        assertThat(results).extracting("status").containsExactly("rejected", "stored");
        assertThat(results.get(0)).extracting("error").isEqualTo("hash_mismatch");
        assertThat(api.get("/v1/objects/" + liar.hex()).status()).isEqualTo(404);
        assertThat(api.get("/v1/objects/" + good.hex()).status()).isEqualTo(200);
    }

    @Test
    void malformedBatchesAreRefusedWithoutPartialObjects() {
        Obj a = blob("frame a");
        Obj b = blob("frame b, cut short");
        byte[] whole = Fixtures.batch(List.of(a, b));
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        Reply truncated = api.postBytes("/v1/objects/batch", BATCH, cut);
        assertThat(truncated.status()).isEqualTo(400);
        assertThat((String) truncated.json().get("message")).contains("ended inside object 2 of 2");
        assertThat(api.get("/v1/objects/" + a.hex()).status()).as("complete frames are kept").isEqualTo(200);
        assertThat(api.get("/v1/objects/" + b.hex()).status()).as("a cut frame is not").isEqualTo(404);

        assertThat(api.postBytes("/v1/objects/batch", BATCH, "NOTABATCH...".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);
        assertThat(api.postBytes("/v1/objects/batch", BATCH, trailing).status()).isEqualTo(400);
        assertThat(api.postBytes("/v1/objects/batch", "application/octet-stream", whole).status()).isEqualTo(415);
    }

    @Test
    void aZstdEncodedBatchIsDecodedVerifiedAndStored() {
        Obj a = blob("compressed a ".repeat(20));
        Obj b = blob("compressed b");
        byte[] plain = Fixtures.batch(List.of(a, b));
        byte[] packed = Zstd.compress(plain, 3);
        assertThat(packed.length).isLessThan(plain.length);
        Reply r = api.postEncoded("/v1/objects/batch", BATCH, "zstd", packed);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("stored", 2);
        assertThat(api.get("/v1/objects/" + a.hex()).body()).isEqualTo(a.bytes());

        assertThat(api.postEncoded("/v1/objects/batch", BATCH, "gzip", plain).status()).isEqualTo(415);
        Reply corrupt = api.postEncoded("/v1/objects/batch", BATCH, "zstd", Arrays.copyOf(plain, 40));
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat((String) corrupt.json().get("message")).contains("zstd");
        // 3 MiB of zeros compress to a few hundred bytes; decoded, they pass the body limit. (Sent
        // to an endpoint that reads its whole body: a batch would stop at the missing magic.)
        byte[] bomb = Zstd.compress(new byte[3 << 20], 3);
        assertThat(bomb.length).isLessThan(64 * 1024);
        Reply big = api.postEncoded("/v1/objects/missing", "application/json", "zstd", bomb);
        assertThat(big.status()).isEqualTo(413);
    }

    @Test
    void batchLimitsAnswer413() {
        List<Obj> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(blob("six " + i));
        }
        Reply many = api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(six));
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.error()).isEqualTo("too_many_objects");
        byte[] big = new byte[2000];
        Reply large = api.postBytes("/v1/objects/batch", BATCH,
                Fixtures.batch(List.of(new Obj(dev.omni.core.model.Hashing.sha256(big), big))));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("too_large");
    }

    @Test
    void storedObjectsLiveInTheirUsersPacksAndVerifyReHashesEveryOne() throws Exception {
        Obj single = blob("on disk, alone");
        Obj text = blob("on disk, compressible ".repeat(30));
        Obj other = blob("on disk, in a batch");
        api.putBytes("/v1/objects/" + single.hex(), single.bytes());
        assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(text, other))).status()).isEqualTo(200);

        if (backend == Backend.SQLITE) {
            Path objects = server.dataDir().resolve("objects");
            try (Stream<Path> users = Files.list(objects)) {
                assertThat(users.map(p -> p.getFileName().toString())).containsExactly(ann.id());
            }
            try (Stream<Path> packs = Files.list(objects.resolve(ann.id()).resolve("packs"))) {
                List<Path> files = packs.toList();
                assertThat(files).isNotEmpty().allMatch(p -> p.getFileName().toString().endsWith(".pack"));
                for (Path p : files) {
                    assertThat(Arrays.copyOf(Files.readAllBytes(p), 8)).isEqualTo("OMNIPAK1".getBytes(StandardCharsets.US_ASCII));
                }
            }
        } else {
            var bucket = server.storage().objects();
            var s3 = S3Server.shared().client();
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket.bucket())).contents().stream()
                    .map(o -> o.key()).filter(k -> !k.endsWith("/")).toList(); // s3proxy lists its directories
            assertThat(keys).as("only the user's packs").isNotEmpty()
                    .allMatch(k -> k.matches(ann.id() + "/packs/[0-9A-Z]{26}\\.pack"));
            for (String k : keys) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key(k).range("bytes=0-7")).asByteArray())
                        .isEqualTo("OMNIPAK1".getBytes(StandardCharsets.US_ASCII));
            }
        }
        java.io.StringWriter out = new java.io.StringWriter();
        int code = dev.omni.server.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(out),
                new java.io.ByteArrayInputStream(new byte[0]), args("verify", "--user", ann.email()));
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("ok: ").doesNotContain("PROBLEM");
        assertThat(api.get("/v1/objects/" + text.hex()).body()).isEqualTo(text.bytes());
    }

    static String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(server.cliArgs());
        return all.toArray(new String[0]);
    }

    @Test
    void requestsPerTokenAreRateLimited() {
        ServerOptions o = TestServer.testOptions();
        ServerOptions.RateLimits r = o.rateLimits();
        try (TestServer limited = TestServer.start(backend, o.toBuilder().rateLimits(new ServerOptions.RateLimits(5,
                r.signInPerAddress(), r.signInPerEmail(), r.codeEntryPerAddress(), r.deviceAuthorizationPerAddress(),
                r.tokenPerAddress())).build())) {
            TestUser u = limited.createUser("rate@example.org", "correct horse battery");
            ApiClient c = limited.client(limited.login(u));
            for (int i = 0; i < 5; i++) {
                assertThat(c.get("/v1/me").status()).isEqualTo(200);
            }
            Reply limitedReply = c.get("/v1/me");
            assertThat(limitedReply.status()).isEqualTo(429);
            assertThat(limitedReply.error()).isEqualTo("rate_limited");
            assertThat(limitedReply.header("Retry-After")).isNotNull();
            ApiClient other = limited.client(limited.login(u));
            assertThat(other.get("/v1/me").status()).as("the limit is per token").isEqualTo(200);
        }
    }
}
