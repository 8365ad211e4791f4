package dev.omni.server;

import static dev.omni.server.testing.Fixtures.blob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.Ulid;
import dev.omni.server.cli.Main;
import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.Fixtures;
import dev.omni.server.testing.Fixtures.Obj;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store on disk: per-user pack files indexed in SQLite. Crashes are simulated by
 * writing what a dying server leaves (packs, or parts of them, that no index row names) and
 * starting a real server over it; damage by flipping and cutting bytes, found by
 * {@code omni-server verify}. Pack entries are written here by hand, from the format the README
 * documents.
 */
class ObjectStorageTest {
    static final String BATCH = "application/vnd.omni.objects-batch";
    static final String PASSWORD = "correct horse battery";
    static final byte[] MAGIC = "OMNIPAK1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    record Run(int code, String out) {
    }

    Run cli(String stdin, String... args) {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
        return new Run(code, out.toString());
    }

    Run verify() {
        return cli("", "verify", "--data", data.toString());
    }

    TestServer start() {
        return TestServer.start(data, TestServer.testOptions());
    }

    /** A user made with a running server, which is stopped again. */
    TestUser user() {
        try (TestServer server = start()) {
            return server.createUser("ann@example.org", PASSWORD);
        }
    }

    Path packs(TestUser u) {
        return data.resolve("objects").resolve(u.id()).resolve("packs");
    }

    /** One pack entry as the README describes it: raw id, encoding, raw size, stored size, stored bytes. */
    static byte[] entry(Obj o, boolean zstd) {
        byte[] stored = zstd ? Zstd.compress(o.bytes(), 3) : o.bytes();
        return ByteBuffer.allocate(49 + stored.length).put(o.id().toBytes()).put((byte) (zstd ? 1 : 0))
                .putLong(o.bytes().length).putLong(stored.length).put(stored).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Obj random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new Obj(Hashing.sha256(b), b);
    }

    @Test
    void aPackNoIndexRowNamesIsReverifiedAtStartWholeObjectsAreKeptAndATornTailIsCut() throws IOException {
        TestUser ann = user();
        Obj raw = random(3000, 1);
        Obj packed = blob("compressible text, ".repeat(200));
        Obj torn = random(5000, 2);
        byte[] whole = concat(MAGIC, entry(raw, false), entry(packed, true));
        byte[] tornEntry = entry(torn, false);
        Files.createDirectories(packs(ann));
        Path pack = packs(ann).resolve(new Ulid(Clock.systemUTC()).next() + ".pack");
        // What a crash between the fsync and the index commit leaves, with the last entry half written.
        Files.write(pack, concat(whole, Arrays.copyOf(tornEntry, 2000)));

        try (TestServer server = start()) {
            ApiClient api = server.client(server.login(ann));
            assertThat(api.get("/v1/objects/" + raw.hex()).body()).isEqualTo(raw.bytes());
            assertThat(api.get("/v1/objects/" + packed.hex()).body()).isEqualTo(packed.bytes());
            assertThat(api.get("/v1/objects/" + torn.hex()).status()).isEqualTo(404);
            assertThat(api.postJson("/v1/objects/missing", Map.of("ids", List.of(raw.hex(), packed.hex(), torn.hex())))
                    .json().get("missing")).isEqualTo(List.of(torn.hex()));
            assertThat(Files.size(pack)).as("the torn entry is cut off").isEqualTo(whole.length);
            Run v = verify();
            assertThat(v.code()).as(v.out()).isZero();
            assertThat(v.out()).contains("ok: 2 objects").doesNotContain("note:");
        }
    }

    @Test
    void anEntryThatDoesNotHashToItsIdEndsTheRecoveredPartOfAPack() throws IOException {
        TestUser ann = user();
        Obj good = random(1000, 3);
        Obj liar = new Obj(random(10, 4).id(), random(1000, 5).bytes());
        Obj after = random(1000, 6);
        Files.createDirectories(packs(ann));
        Path pack = packs(ann).resolve(new Ulid(Clock.systemUTC()).next() + ".pack");
        byte[] kept = concat(MAGIC, entry(good, false));
        Files.write(pack, concat(kept, entry(liar, false), entry(after, false)));

        try (TestServer server = start()) {
            ApiClient api = server.client(server.login(ann));
            assertThat(api.get("/v1/objects/" + good.hex()).status()).isEqualTo(200);
            assertThat(api.get("/v1/objects/" + liar.hex()).status()).isEqualTo(404);
            assertThat(api.get("/v1/objects/" + after.hex()).status()).as("nothing after a bad entry is trusted").isEqualTo(404);
            assertThat(Files.size(pack)).isEqualTo(kept.length);
        }
    }

    @Test
    void packsWithNothingWholeInThemAreRemovedAtStart() throws IOException {
        TestUser ann = user();
        Files.createDirectories(packs(ann));
        Path garbage = packs(ann).resolve("01M80000000000000000000001.pack");
        Files.write(garbage, random(500, 7).bytes());
        Path torn = packs(ann).resolve("01M80000000000000000000002.pack");
        Files.write(torn, concat(MAGIC, Arrays.copyOf(entry(random(800, 8), false), 300)));
        Path empty = packs(ann).resolve("01M80000000000000000000003.pack");
        Files.write(empty, MAGIC);

        try (TestServer server = start()) {
            assertThat(garbage).doesNotExist();
            assertThat(torn).doesNotExist();
            assertThat(empty).doesNotExist();
        }
    }

    @Test
    void bytesAppendedAfterACommittedPartAreCutWhenTheyAreNotWhole() throws IOException {
        TestUser ann = user();
        Obj a = random(2000, 9);
        try (TestServer server = start()) {
            ApiClient api = server.client(server.login(ann));
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(a))).status()).isEqualTo(200);
        }
        Path pack = onlyPack(ann);
        long committed = Files.size(pack);
        Files.write(pack, Arrays.copyOf(entry(random(900, 10), false), 100), java.nio.file.StandardOpenOption.APPEND);
        Run dirty = verify();
        assertThat(dirty.code()).as("bytes past the committed part are no damage").isZero();
        assertThat(dirty.out()).contains("note: pack").contains("100 bytes after its committed objects");

        try (TestServer server = start()) {
            assertThat(Files.size(pack)).isEqualTo(committed);
            assertThat(server.client(server.login(ann)).get("/v1/objects/" + a.hex()).body()).isEqualTo(a.bytes());
        }
        assertThat(verify().out()).doesNotContain("note:");
    }

    @Test
    void verifyFindsAFlippedByteAndATruncatedPack() throws IOException {
        TestUser ann = user();
        Obj flipped = random(1000, 11);
        Obj fine = random(1100, 12);
        Obj cut = random(1200, 13);
        try (TestServer server = start()) {
            ApiClient api = server.client(server.login(ann));
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(flipped, fine))).status())
                    .isEqualTo(200);
            assertThat(api.putBytes("/v1/objects/" + cut.hex(), cut.bytes()).status()).isEqualTo(201);
        }
        Run healthy = verify();
        assertThat(healthy.code()).as(healthy.out()).isZero();
        assertThat(healthy.out()).contains("ok: 3 objects");

        Path batchPack = packOfSize(ann, 8 + 49 + 1000 + 49 + 1100);
        Path singlePack = packOfSize(ann, 8 + 49 + 1200);
        try (RandomAccessFile f = new RandomAccessFile(batchPack.toFile(), "rw")) {
            f.seek(8 + 49 + 500);
            int b = f.read();
            f.seek(8 + 49 + 500);
            f.write(b ^ 0x01);
        }
        try (RandomAccessFile f = new RandomAccessFile(singlePack.toFile(), "rw")) {
            f.setLength(f.length() - 7);
        }
        Run damaged = verify();
        assertThat(damaged.code()).isEqualTo(1);
        assertThat(damaged.out())
                .containsPattern("PROBLEM .*object " + flipped.hex() + " .*hash")
                .containsPattern("PROBLEM .*pack .*was truncated")
                .containsPattern("PROBLEM .*object " + cut.hex() + " .*ends inside the object")
                .doesNotContain("object " + fine.hex())
                .contains("3 problems; 3 objects");
    }

    @Test
    void withCompressionOnObjectsAreStoredSmallerAndServedRaw() throws IOException {
        TestUser ann = user();
        Obj text = blob("a line of source code that repeats;\n".repeat(2000));
        Obj noise = random(4000, 14);
        try (TestServer server = TestServer.start(data, TestServer.testOptions().toBuilder().objectCompression(3).build())) {
            ApiClient api = server.client(server.login(ann));
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(text, noise))).status()).isEqualTo(200);
            assertThat(api.get("/v1/objects/" + text.hex()).body()).isEqualTo(text.bytes());
            assertThat(api.get("/v1/objects/" + noise.hex()).body()).isEqualTo(noise.bytes());
        }
        long packed = Files.size(onlyPack(ann));
        assertThat(packed).as("the text is compressed, the noise is not").isLessThan(8 + 49 + 2000 + 49 + 4000);
        try (TestServer server = start()) {
            assertThat(server.client(server.login(ann)).get("/v1/objects/" + text.hex()).body())
                    .as("read back without the option").isEqualTo(text.bytes());
        }
        Run v = verify();
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.out()).contains("ok: 2 objects");
    }

    @Test
    void looseObjectsOfTheLayoutBeforePacksAreIndexedAndServedAfterAnUpgrade() throws IOException {
        // An account and objects as the previous version left them: plain files named by their SHA-256.
        Run add = cli(PASSWORD + "\n", "user", "add", "ann@example.org", "--password-stdin", "--data", data.toString());
        assertThat(add.code()).as(add.out()).isZero();
        Matcher m = Pattern.compile("\\(([0-9A-Z]{26})\\)").matcher(add.out());
        assertThat(m.find()).isTrue();
        TestUser ann = new TestUser(m.group(1), "ann@example.org", PASSWORD);
        Obj file = blob("written before packs");
        Obj tree = Fixtures.tree(List.of(Fixtures.file("old.txt", file)));
        for (Obj o : List.of(file, tree)) {
            Path p = data.resolve("objects").resolve(ann.id()).resolve(o.hex().substring(0, 2)).resolve(o.hex().substring(2));
            Files.createDirectories(p.getParent());
            Files.write(p, o.bytes());
        }
        assertThat(verify().out()).contains("not indexed yet");

        try (TestServer server = start()) {
            ApiClient api = server.client(server.login(ann));
            assertThat(api.get("/v1/objects/" + file.hex()).body()).isEqualTo(file.bytes());
            Obj unknown = blob("never uploaded");
            assertThat(api.postJson("/v1/objects/missing", Map.of("ids", List.of(file.hex(), tree.hex(), unknown.hex())))
                    .json().get("missing")).isEqualTo(List.of(unknown.hex()));
            assertThat(api.putBytes("/v1/objects/" + file.hex(), file.bytes()).json()).containsEntry("status", "exists");
            String project = new Ulid(Clock.systemUTC()).next();
            api.putJson("/v1/projects/" + project, Map.of("name", "old"));
            assertThat(api.putJson("/v1/snapshots/snap-" + new Ulid(Clock.systemUTC()).next(),
                    Fixtures.snapshot(project, null, tree.id(), List.of())).status()).isEqualTo(201);
            Obj added = blob("written after the upgrade");
            assertThat(api.postBytes("/v1/objects/batch", BATCH, Fixtures.batch(List.of(added))).status()).isEqualTo(200);
            Run v = verify();
            assertThat(v.code()).as(v.out()).isZero();
            assertThat(v.out()).contains("ok: 3 objects").doesNotContain("note:");
        }
    }

    @Test
    void aSecondServerOverTheSameDataDirectoryIsRefused() {
        try (TestServer server = start()) {
            assertThatThrownBy(() -> OmniServer.start(0, data, null, TestServer.testOptions()))
                    .hasMessageContaining("already serves");
            assertThat(server.client(null).get("/healthz").status()).isEqualTo(200);
        }
        try (TestServer again = start()) {
            assertThat(again.client(null).get("/healthz").status()).as("stopping releases the lock").isEqualTo(200);
        }
    }

    private Path onlyPack(TestUser u) throws IOException {
        try (Stream<Path> s = Files.list(packs(u))) {
            List<Path> all = s.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private Path packOfSize(TestUser u, long size) throws IOException {
        try (Stream<Path> s = Files.list(packs(u))) {
            return s.filter(p -> p.toFile().length() == size).findFirst()
                    .orElseThrow(() -> new AssertionError("no pack of " + size + " bytes in " + packs(u)));
        }
    }
}
