package dev.omni.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.TestHomes;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackStoreTest {
    @TempDir
    Path dir;
    Omni omni;
    PackStore store;

    @BeforeEach
    void open() {
        omni = TestHomes.open(dir.resolve("home"), dir);
        store = (PackStore) omni.objects();
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private Map<ObjectId, byte[]> commit(List<byte[]> blobs) throws Exception {
        Map<ObjectId, byte[]> ids = new HashMap<>();
        try (ObjectInserter ins = store.newInserter()) {
            for (byte[] b : blobs) {
                ids.put(ins.insert(b), b);
            }
            ins.flush();
            ins.commit();
        }
        return ids;
    }

    @Test
    void objectsReadBackByTheSha256OfTheirBytes() throws Exception {
        List<byte[]> blobs = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 3000; i++) {
            byte[] b = ("file " + i + " ").repeat(r.nextInt(50) + 1).getBytes(StandardCharsets.UTF_8);
            blobs.add(b);
        }
        blobs.add(new byte[0]);
        byte[] mid = new byte[600_000];
        r.nextBytes(mid);
        blobs.add(mid);
        Map<ObjectId, byte[]> ids = commit(blobs);
        for (Map.Entry<ObjectId, byte[]> e : ids.entrySet()) {
            assertThat(store.read(e.getKey())).isEqualTo(e.getValue());
            assertThat(e.getKey()).isEqualTo(Hashing.sha256(e.getValue()));
            assertThat(store.size(e.getKey())).isEqualTo(e.getValue().length);
        }
        assertThat(store.containsAll(ids.keySet())).hasSameSizeAs(ids.keySet());
    }

    @Test
    void smallObjectsShareBlocksInOnePackInsteadOfAFileEach() throws Exception {
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            blobs.add(("object number " + i).getBytes(StandardCharsets.UTF_8));
        }
        commit(blobs);
        try (Stream<Path> s = Files.list(dir.resolve("home/objects/packs"))) {
            assertThat(s.count()).isEqualTo(1);
        }
        long blocks = omni.db().read(c -> dev.omni.core.store.Database.queryLong(c, "SELECT count(*) FROM blocks", -1));
        assertThat(blocks).isEqualTo(1);
    }

    @Test
    void largeObjectsAreStreamedToLooseFilesAndReadBackAsStreams() throws Exception {
        byte[] big = new byte[PackFormat.LOOSE_MIN * 2 + 123];
        new Random(7).nextBytes(big);
        ObjectId id;
        try (ObjectInserter ins = store.newInserter()) {
            id = ins.insertStream(new ByteArrayInputStream(big)).id();
            ins.flush();
            ins.commit();
        }
        assertThat(id).isEqualTo(Hashing.sha256(big));
        assertThat(Files.isRegularFile(store.looseFile(id))).isTrue();
        try (InputStream in = store.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void nothingIsVisibleAndNoPackIsLeftWhenTheInserterIsNotCommitted() throws Exception {
        ObjectId id;
        try (ObjectInserter ins = store.newInserter()) {
            id = ins.insert("never committed".getBytes(StandardCharsets.UTF_8));
            ins.insertStream(new ByteArrayInputStream(new byte[PackFormat.LOOSE_MIN + 10]));
            ins.flush();
        }
        assertThat(store.contains(id)).isFalse();
        try (Stream<Path> s = Files.list(dir.resolve("home/objects/packs"))) {
            assertThat(s.count()).isZero();
        }
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(MissingObjectException.class).hasMessageContaining(id.hex());
    }

    @Test
    void theSameContentIsStoredOnce() throws Exception {
        byte[] b = "same".getBytes(StandardCharsets.UTF_8);
        commit(List.of(b, b.clone()));
        try (ObjectInserter ins = store.newInserter()) {
            ins.insert(b);
            assertThat(ins.objectsWritten()).isZero();
        }
    }

    @Test
    void aDamagedBlockIsReportedAsCorruptWithTheObjectId() throws Exception {
        Map<ObjectId, byte[]> ids = commit(List.of("some content that will be damaged".getBytes(StandardCharsets.UTF_8)));
        ObjectId id = ids.keySet().iterator().next();
        Path pack;
        try (Stream<Path> s = Files.list(dir.resolve("home/objects/packs"))) {
            pack = s.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length - 6] ^= 0x55;
        Files.write(pack, bytes);
        store.invalidate();
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(CorruptObjectException.class).hasMessageContaining(id.hex());
        List<ObjectStore.Damage> damaged = new ArrayList<>();
        store.verify(damaged::add, dev.omni.core.Progress.NONE);
        assertThat(damaged).extracting(ObjectStore.Damage::id).containsExactly(id);
    }
}
