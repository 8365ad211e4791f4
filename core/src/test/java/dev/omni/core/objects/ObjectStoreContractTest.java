package dev.omni.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.TestHomes;
import dev.omni.core.home.OmniHome;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every object store promises, checked against the pack store and the in-memory one alike. */
class ObjectStoreContractTest {
    @TempDir
    Path dir;
    Omni omni;

    static Stream<Arguments> stores() {
        BiFunction<Path, Path, Omni> packs = (home, cwd) -> TestHomes.open(home, cwd);
        BiFunction<Path, Path, Omni> memory = (home, cwd) -> Omni.withObjectsInMemory(TestHomes.env(cwd), OmniHome.at(home));
        return Stream.of(Arguments.of("packs", packs), Arguments.of("memory", memory));
    }

    private ObjectStore open(BiFunction<Path, Path, Omni> kind) {
        omni = kind.apply(dir.resolve("home"), dir);
        return omni.objects();
    }

    @AfterEach
    void close() {
        if (omni != null) {
            omni.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void committedObjectsReadBackByTheirIdAndUncommittedOnesAreInvisible(String name, BiFunction<Path, Path, Omni> kind)
            throws Exception {
        ObjectStore store = open(kind);
        ObjectId kept;
        ObjectId dropped;
        try (ObjectInserter ins = store.newInserter()) {
            kept = ins.insert(utf8("kept"));
            ins.flush();
            assertThat(store.contains(kept)).as("before commit").isFalse();
            ins.commit();
        }
        try (ObjectInserter ins = store.newInserter()) {
            dropped = ins.insert(utf8("never committed"));
            ins.flush();
        }
        assertThat(kept).isEqualTo(Hashing.sha256(utf8("kept")));
        assertThat(store.read(kept)).isEqualTo(utf8("kept"));
        assertThat(store.size(kept)).isEqualTo(4);
        assertThat(store.contains(dropped)).isFalse();
        assertThat(store.containsAll(List.of(kept, dropped))).containsExactly(kept);
        assertThatThrownBy(() -> store.read(dropped)).isInstanceOf(MissingObjectException.class).hasMessageContaining(dropped.hex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void commitBeforeFlushIsAProgrammingError(String name, BiFunction<Path, Path, Omni> kind) {
        ObjectStore store = open(kind);
        try (ObjectInserter ins = store.newInserter()) {
            ins.insert(utf8("x"));
            assertThatThrownBy(ins::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void objectsCommittedInsideATransactionThatFailsAreNotIndexedByIt(String name, BiFunction<Path, Path, Omni> kind)
            throws Exception {
        ObjectStore store = open(kind);
        ObjectId id;
        try (ObjectInserter ins = store.newInserter()) {
            id = ins.insert(utf8("inside a failed transaction"));
            ins.flush();
            assertThatThrownBy(() -> omni.db().transaction(() -> {
                ins.commit();
                throw OmniException.conflict("the snapshot could not be recorded");
            })).isInstanceOf(OmniException.class);
        }
        if (name.equals("packs")) {
            // The index rows went with the transaction: nothing points at the pack's bytes.
            assertThat(store.contains(id)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void streamsLargeObjectsAndHasKnowsWhatIsThere(String name, BiFunction<Path, Path, Omni> kind) throws Exception {
        ObjectStore store = open(kind);
        byte[] big = new byte[PackFormat.LOOSE_MIN + 4096];
        new Random(3).nextBytes(big);
        ObjectInserter.Inserted r;
        try (ObjectInserter ins = store.newInserter()) {
            r = ins.insertStream(new ByteArrayInputStream(big));
            assertThat(ins.has(r.id())).isTrue();
            assertThat(ins.objectsWritten()).isEqualTo(1);
            ins.flush();
            ins.commit();
        }
        assertThat(r.id()).isEqualTo(Hashing.sha256(big));
        assertThat(r.size()).isEqualTo(big.length);
        try (InputStream in = store.open(r.id())) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        try (ObjectInserter ins = store.newInserter()) {
            assertThat(ins.has(r.id())).isTrue();
            ins.insert(big);
            assertThat(ins.objectsWritten()).as("already stored").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void readEachVisitsEveryPresentObjectOnce(String name, BiFunction<Path, Path, Omni> kind) throws Exception {
        ObjectStore store = open(kind);
        List<ObjectId> ids = new ArrayList<>();
        try (ObjectInserter ins = store.newInserter()) {
            for (int i = 0; i < 50; i++) {
                ids.add(ins.insert(utf8("object " + i)));
            }
            ins.flush();
            ins.commit();
        }
        ObjectId absent = Hashing.sha256(utf8("absent"));
        List<ObjectId> visited = new ArrayList<>();
        List<ObjectId> asked = new ArrayList<>(ids);
        asked.add(absent);
        store.readEach(asked, (id, data) -> {
            visited.add(id);
            assertThat(Hashing.sha256(data.bytesOrNull())).isEqualTo(id);
        });
        assertThat(visited).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(store.storageOrder(asked)).containsOnlyKeys(ids);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void collectDeletesWhatIsNotLiveAndVerifyFindsNothingWrong(String name, BiFunction<Path, Path, Omni> kind) throws Exception {
        ObjectStore store = open(kind);
        ObjectId live;
        ObjectId dead;
        try (ObjectInserter ins = store.newInserter()) {
            live = ins.insert(utf8("live"));
            dead = ins.insert(utf8("dead"));
            ins.flush();
            ins.commit();
        }
        ObjectStore.Collected dry = store.collect(Set.of(live), Set.of(), true, Progress.NONE);
        assertThat(dry.deadObjects()).isEqualTo(1);
        assertThat(store.contains(dead)).isTrue();
        ObjectStore.Collected done = store.collect(Set.of(live), Set.of(), false, Progress.NONE);
        assertThat(done.deadObjects()).isEqualTo(1);
        assertThat(done.deadBytes()).isEqualTo(4);
        assertThat(store.contains(dead)).isFalse();
        assertThat(store.read(live)).isEqualTo(utf8("live"));
        List<ObjectStore.Damage> damage = new ArrayList<>();
        assertThat(store.verify(damage::add, Progress.NONE)).isEqualTo(1);
        assertThat(damage).isEmpty();
    }
}
