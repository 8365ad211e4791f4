package dev.omni.core.home;

import dev.omni.core.OmniException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Shared and exclusive locks on lock files, held across processes (fcntl locks) and across threads
 * of this process. Java refuses to take a second lock on one file within one JVM, so holders in this
 * JVM share one OS lock per file. This registry is the one piece of process-wide state in omni: the
 * OS lock it mirrors is process-wide too.
 */
public final class ProcessLocks {
    private static final Map<Path, Entry> ENTRIES = new HashMap<>();

    private ProcessLocks() {
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        FileChannel channel;
        FileLock osLock;
        int shared;
        boolean exclusive;
    }

    public static Held shared(Path file, long waitMs, String busyMessage) {
        return acquire(file, true, waitMs, null, busyMessage);
    }

    public static Held exclusive(Path file, long waitMs, String busyMessage) {
        return acquire(file, false, waitMs, null, busyMessage);
    }

    /** {@link #exclusive(Path, long, String)}, failing with {@code reason} (a front end may have a remedy for it). */
    public static Held exclusive(Path file, long waitMs, OmniException.Reason reason, String busyMessage) {
        return acquire(file, false, waitMs, reason, busyMessage);
    }

    private static Held acquire(Path file, boolean shared, long waitMs, OmniException.Reason reason, String busyMessage) {
        Path key = file.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        long sleep = 5;
        while (true) {
            Held h = tryAcquire(key, shared);
            if (h != null) {
                return h;
            }
            if (System.nanoTime() >= deadline) {
                throw new OmniException(OmniException.Kind.BUSY, reason, busyMessage);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OmniException(OmniException.Kind.BUSY, reason, busyMessage + " (interrupted while waiting)");
            }
            sleep = Math.min(sleep * 2, 100);
        }
    }

    private static Held tryAcquire(Path key, boolean shared) {
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e != null) {
                if (e.exclusive || !shared) {
                    return null;
                }
                e.shared++;
                return new Once(key);
            }
            Entry n = new Entry();
            try {
                Files.createDirectories(key.getParent());
                n.channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                try {
                    n.osLock = n.channel.tryLock(0, Long.MAX_VALUE, shared);
                } catch (OverlappingFileLockException impossible) {
                    n.osLock = null;
                }
                if (n.osLock == null) {
                    n.channel.close();
                    return null;
                }
            } catch (IOException io) {
                throw new OmniException(OmniException.Kind.IO, "cannot lock " + key + ": " + io.getMessage(), io);
            }
            n.exclusive = !shared;
            n.shared = shared ? 1 : 0;
            ENTRIES.put(key, n);
            return new Once(key);
        }
    }

    /** Releases at most once, however often it is closed. */
    private static final class Once implements Held {
        private final Path key;
        private boolean released;

        Once(Path key) {
            this.key = key;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release(key);
            }
        }
    }

    private static void release(Path key) {
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e == null) {
                return;
            }
            if (!e.exclusive && --e.shared > 0) {
                return;
            }
            ENTRIES.remove(key);
            try {
                e.osLock.release();
                e.channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel
            }
        }
    }
}
