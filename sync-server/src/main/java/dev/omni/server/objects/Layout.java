package dev.omni.server.objects;

import dev.omni.core.model.ObjectId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where object bytes live under {@code DATA/objects}: per user, packs in
 * {@code <user>/packs/<name>.pack} and, from versions before packs, loose files in
 * {@code <user>/ab/cdef…} (the raw bytes, named by their SHA-256).
 */
final class Layout {
    static final String PACK_SUFFIX = ".pack";
    private final Path objects;
    /** Directories known to exist durably, so that each is created and synced once per process. */
    private final Set<Path> durableDirs = ConcurrentHashMap.newKeySet();

    Layout(Path dataDir) {
        this.objects = dataDir.resolve("objects");
    }

    Path objects() {
        return objects;
    }

    Path user(String userId) {
        return objects.resolve(userId);
    }

    Path packs(String userId) {
        return user(userId).resolve("packs");
    }

    Path pack(String userId, String name) {
        return packs(userId).resolve(name + PACK_SUFFIX);
    }

    Path loose(String userId, ObjectId id) {
        String hex = id.hex();
        return user(userId).resolve(hex.substring(0, 2)).resolve(hex.substring(2));
    }

    /** Creates {@code dir} and its missing parents, each one synced into its parent before it is used. */
    void createDurably(Path dir) throws IOException {
        if (durableDirs.contains(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.getParent();
            createDurably(parent);
            try {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made at the same moment by another upload; it is synced below all the same
            }
            fsyncDirectory(parent);
        }
        durableDirs.add(dir);
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory (EINVAL); anything else is a real failure.
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
        }
    }
}
