package dev.omni.core.restore;

import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.objects.CorruptObjectException;
import dev.omni.core.objects.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes planned steps to disk: directories first, then file contents in parallel, each storage
 * block decompressed once, then symlinks. Large objects are streamed and checked against their id
 * as they are written.
 */
final class Materializer {
    private final dev.omni.core.Omni omni;
    private final ObjectStore store;
    private final Path root;
    private final Progress progress;

    /** The target was empty: nothing on disk can be in the way, so nothing needs checking. */
    private final boolean fresh;

    Materializer(dev.omni.core.Omni omni, Path root, boolean fresh, Progress progress) {
        this.omni = omni;
        this.fresh = fresh;
        this.store = omni.objects();
        this.root = root;
        this.progress = progress;
    }

    void apply(List<RestoreService.Step> steps) throws IOException {
        TreeSet<String> dirs = new TreeSet<>();
        Map<ObjectId, List<RestoreService.Step>> byObject = new HashMap<>();
        List<RestoreService.Step> links = new ArrayList<>();
        for (RestoreService.Step s : steps) {
            String parent = s.path().contains("/") ? s.path().substring(0, s.path().lastIndexOf('/')) : "";
            if (!parent.isEmpty()) {
                dirs.add(parent);
            }
            switch (s.entry().type()) {
                case DIR -> dirs.add(s.path());
                case FILE -> byObject.computeIfAbsent(s.entry().hash(), k -> new ArrayList<>()).add(s);
                case SYMLINK -> links.add(s);
                default -> throw new IllegalStateException();
            }
        }
        for (String d : dirs) {
            createDirectory(d);
        }
        omni.trace("created " + dirs.size() + " directories");
        progress.start("Restoring", byObject.values().stream().mapToLong(List::size).sum() + links.size(), "files");
        try {
            writeFiles(byObject);
            for (RestoreService.Step s : links) {
                FileWriter.symlink(root.resolve(s.path()), s.entry().target(),
                        Files.exists(root.resolve(s.path()), LinkOption.NOFOLLOW_LINKS));
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * Creates {@code dir} and its parents, never through a symlink: a symlink where a directory goes
     * could lead writes outside the target.
     */
    private void createDirectory(String dir) throws IOException {
        if (fresh) {
            // Parents come first in sorted order and nothing else is there.
            Files.createDirectory(root.resolve(dir));
            return;
        }
        Path p = root;
        for (String seg : dir.split("/")) {
            p = p.resolve(seg);
            if (Files.isSymbolicLink(p)) {
                throw new dev.omni.core.OmniException(dev.omni.core.OmniException.Kind.CONFLICT,
                        "cannot restore into " + root.relativize(p) + ": a symlink is in the way");
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
        }
    }

    private void writeFiles(Map<ObjectId, List<RestoreService.Step>> byObject) throws IOException {
        if (byObject.isEmpty()) {
            return;
        }
        // Split the objects into contiguous runs of storage order, one run per thread.
        Map<ObjectId, Long> order = store.storageOrder(byObject.keySet());
        omni.trace("located " + order.size() + " objects");
        List<ObjectId> ids = new ArrayList<>(byObject.keySet());
        for (ObjectId id : ids) {
            if (!order.containsKey(id)) {
                throw new dev.omni.core.objects.MissingObjectException(id);
            }
        }
        ids.sort((a, b) -> Long.compare(order.get(a), order.get(b)));
        // Creating files is mostly waiting on the file system: more writers than cores help.
        int threads = Math.max(1, Math.min(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), ids.size() / 64 + 1));
        List<List<ObjectId>> parts = new ArrayList<>();
        int per = (ids.size() + threads - 1) / threads;
        int i = 0;
        while (i < ids.size()) {
            // Do not split one block across two threads (loose objects, order 0, may be split).
            int end = Math.min(ids.size(), i + per);
            while (end < ids.size() && order.get(ids.get(end)) != 0 && order.get(ids.get(end)).equals(order.get(ids.get(end - 1)))) {
                end++;
            }
            parts.add(ids.subList(i, end));
            i = end;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parts.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<ObjectId> part : parts) {
                futures.add(pool.submit(() -> {
                    store.readEach(part, (id, data) -> {
                        for (RestoreService.Step s : byObject.get(id)) {
                            write(s, id, data);
                            progress.advance(1);
                        }
                    });
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            omni.trace("wrote the files");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(OmniException.Kind.FAILURE, "interrupted while restoring");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(RestoreService.Step s, ObjectId id, ObjectStore.ObjectData data) throws IOException {
        Path dest = root.resolve(s.path());
        boolean exec = s.entry().executable();
        boolean replace = !fresh && (s.kind() == RestoreService.Step.Kind.UPDATE || Files.exists(dest, LinkOption.NOFOLLOW_LINKS));
        byte[] bytes = data.bytesOrNull();
        if (bytes != null) {
            if (replace) {
                FileWriter.replaceFile(dest, bytes, null, exec);
            } else if (fresh) {
                FileWriter.createFileInFreshDirectory(dest, bytes, exec);
            } else {
                FileWriter.createFile(dest, bytes, exec);
            }
            return;
        }
        MessageDigest md = Hashing.newDigest();
        try (InputStream in = new DigestInputStream(data.stream(), md)) {
            if (replace) {
                FileWriter.replaceFile(dest, null, in, exec);
            } else {
                FileWriter.createFile(dest, in, exec);
            }
        }
        if (!Hashing.finish(md).equals(id)) {
            Files.deleteIfExists(dest);
            throw new CorruptObjectException(id, "content does not match its id");
        }
    }
}
