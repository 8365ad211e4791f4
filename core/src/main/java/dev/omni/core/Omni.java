package dev.omni.core;

import dev.omni.core.home.OmniHome;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.Ulid;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.objects.ObjectStores;
import dev.omni.core.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * One omni home opened for use: the database, the object store and the services on them. The CLI,
 * the desktop app, the daemon and tests all start here. The database opens on first use, so that
 * commands that need none (help, version) pay nothing for it.
 */
public final class Omni implements AutoCloseable {
    private final Env env;
    private final OmniHome home;
    private final Ulid ulid;
    private final boolean objectsInMemory;
    private Database db;
    private ObjectStore objects;
    private String machineId;

    private final boolean tracing;
    private final long started = System.nanoTime();

    private Omni(Env env, OmniHome home, boolean objectsInMemory) {
        this.env = env;
        this.home = home;
        this.objectsInMemory = objectsInMemory;
        this.ulid = new Ulid(env.clock());
        this.tracing = env.get("OMNI_TRACE") != null;
    }

    /**
     * With {@code OMNI_TRACE} set, prints how long the run has taken so far, labelled, to standard
     * error: a cheap way to see where a slow command spends its time.
     */
    public void trace(String label) {
        if (tracing) {
            System.err.printf("[trace] %7.1f ms  %s%n", (System.nanoTime() - started) / 1e6, label);
        }
    }

    /**
     * A point where a test can stop a separate omni process on an observable state, to kill it
     * there: when {@code OMNI_TEST_PAUSE} names {@code point}, the file named by
     * {@code OMNI_TEST_PAUSE_FILE} appears (holding the point and the process id) and the thread
     * waits here until the process is killed. Nothing happens unless both are set; never set them
     * outside tests.
     */
    public void testPause(String point) {
        if (!point.equals(env.get("OMNI_TEST_PAUSE")) || env.get("OMNI_TEST_PAUSE_FILE") == null) {
            return;
        }
        Path marker = Path.of(env.get("OMNI_TEST_PAUSE_FILE"));
        try {
            Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(tmp, point + " " + ProcessHandle.current().pid() + "\n");
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (true) {
            LockSupport.park(this);
        }
    }

    /** The home chosen by {@code --home} ({@code explicitHome}, may be null), OMNI_HOME or XDG. */
    public static Omni open(Env env, Path explicitHome) {
        return new Omni(env, OmniHome.resolve(env, explicitHome), false);
    }

    public static Omni at(Env env, OmniHome home) {
        return new Omni(env, home, false);
    }

    /**
     * A home whose objects live in memory (for tests; they are gone when it closes); the database is
     * the real one under {@code home}.
     */
    public static Omni withObjectsInMemory(Env env, OmniHome home) {
        return new Omni(env, home, true);
    }

    public Env env() {
        return env;
    }

    public OmniHome home() {
        return home;
    }

    public Ulid ulid() {
        return ulid;
    }

    public String newId() {
        return ulid.next();
    }

    public Instant now() {
        return env.clock().instant();
    }

    /**
     * Starts opening the database on another thread, for commands that have other work to do first
     * (a snapshot scans the working copy meanwhile); {@link #db()} then waits for it.
     */
    public void openInBackground() {
        Thread t = new Thread(() -> {
            try {
                db();
            } catch (RuntimeException e) {
                // db() will fail again, with the same error, where someone needs the database
            }
        }, "omni-open-db");
        t.setDaemon(true);
        t.start();
    }

    public synchronized Database db() {
        if (db == null) {
            db = Database.open(home.database(), home.locks());
            trace("database open");
            // Known from here on, so that code inside a write transaction never needs to make it.
            machineId();
        }
        return db;
    }

    /** The object store: file contents and trees. */
    public synchronized ObjectStore objects() {
        if (objects == null) {
            objects = objectsInMemory ? ObjectStores.inMemory()
                    : ObjectStores.packs(home, this::db, ulid, env.clock(), !Files.exists(home.database()));
        }
        return objects;
    }

    /** This machine's id: made once per home, kept in the database. */
    public synchronized String machineId() {
        if (machineId == null) {
            // A write transaction only the first time: every command opens the store, few write.
            String known = db().meta("machine_id");
            machineId = known != null ? known : db().metaOrPut("machine_id", ulid::next);
        }
        return machineId;
    }

    /** A name for this machine that people recognise. */
    public String machineName() {
        String h = env.get("HOSTNAME");
        if (h != null) {
            return h;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (java.io.IOException | SecurityException e) {
            return "localhost";
        }
    }

    /** Who is recorded as the author of snapshots: $OMNI_AUTHOR, else the OS user. */
    public String author() {
        String a = env.get("OMNI_AUTHOR");
        return a != null ? a : env.userName();
    }

    /**
     * Held by every operation that adds objects or relies on them (snapshot, restore, import, merge);
     * {@code gc} takes it exclusively, so it never deletes what an operation in flight still needs.
     */
    public ProcessLocks.Held storeShared() {
        return ProcessLocks.shared(home.locks().resolve("gc.lock"), 120_000,
                "the store is being garbage-collected by another omni process; try again when it finishes");
    }

    public ProcessLocks.Held storeExclusive() {
        return ProcessLocks.exclusive(home.locks().resolve("gc.lock"), 0,
                "another omni operation is using the store (snapshot, restore, import or gc); try again when it finishes");
    }

    /** One writer per workspace: a second snapshot, restore or merge of it waits, then gives up. */
    public ProcessLocks.Held workspaceLock(String workspaceId) {
        return ProcessLocks.exclusive(home.locks().resolve("ws-" + workspaceId + ".lock"), 10_000,
                "another omni process is snapshotting or changing this workspace; try again when it finishes");
    }

    public Path statCacheFile(String workspaceId) {
        return home.cache().resolve("stat-" + workspaceId + ".bin");
    }


    @Override
    public synchronized void close() {
        if (objects != null) {
            objects.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
