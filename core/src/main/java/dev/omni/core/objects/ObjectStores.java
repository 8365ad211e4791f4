package dev.omni.core.objects;

import dev.omni.core.home.OmniHome;
import dev.omni.core.model.Ulid;
import dev.omni.core.store.Database;
import java.time.Clock;
import java.util.function.Supplier;

/** The object stores there are: pack files on disk (every omni home) and memory (tests). */
public final class ObjectStores {
    private ObjectStores() {
    }

    /**
     * The pack store of {@code home}: blocks in pack files, large objects in loose files, the index
     * in the database ({@code db} is asked for it only when an object is looked up). {@code newStore}:
     * the database did not exist when this process started, so the store holds nothing until it
     * commits something, and inserters need not ask.
     */
    public static ObjectStore packs(OmniHome home, Supplier<Database> db, Ulid ulid, Clock clock, boolean newStore) {
        return new PackStore(home, db, ulid, clock, newStore);
    }

    /** A store that keeps its objects in memory, for tests: the same contract, nothing on disk. */
    public static ObjectStore inMemory() {
        return new InMemoryObjectStore();
    }
}
