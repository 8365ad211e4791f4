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
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import dev.omni.core.tree.FileStat;
import dev.omni.core.tree.StatCache;
import dev.omni.core.objects.PackFormat;
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

    /** A working copy to copy unchanged files from, or null. */
    private final RestoreService.LocalSource local;

    Materializer(dev.omni.core.Omni omni, Path root, boolean fresh, Progress progress) {
        this(omni, root, fresh, progress, null);
    }

    Materializer(dev.omni.core.Omni omni, Path root, boolean fresh, Progress progress, RestoreService.LocalSource local) {
        this.omni = omni;
        this.fresh = fresh;
        this.store = omni.objects();
        this.root = root;
        this.progress = progress;
        this.local = fresh ? local : null;
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

    private void writeFiles(Map<ObjectId, List<RestoreService.Step>> all) throws IOException {
        Map<ObjectId, List<RestoreService.Step>> byObject = local == null || all.isEmpty() ? all : copyLocal(all);
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

    /**
     * Copies the files the local working copy proves unchanged (in parallel) and returns what is
     * left for the store: files it has no trustworthy entry for, and any whose stat changed around
     * the copy (the half-copied file is removed first).
     */
    private Map<ObjectId, List<RestoreService.Step>> copyLocal(Map<ObjectId, List<RestoreService.Step>> byObject)
            throws IOException {
        List<RestoreService.Step> candidates = new ArrayList<>();
        Map<ObjectId, List<RestoreService.Step>> rest = new HashMap<>();
        for (Map.Entry<ObjectId, List<RestoreService.Step>> e : byObject.entrySet()) {
            for (RestoreService.Step s : e.getValue()) {
                StatCache.Entry c = local.cache().get(s.path());
                if (c != null && c.kind() == StatCache.Kind.FILE && !c.racy() && e.getKey().equals(c.hash())) {
                    candidates.add(s);
                } else {
                    rest.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        if (candidates.isEmpty()) {
            return byObject;
        }
        candidates.sort(java.util.Comparator.comparing(RestoreService.Step::path));
        int threads = Math.max(1, Math.min(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), candidates.size() / 64 + 1));
        int per = (candidates.size() + threads - 1) / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<RestoreService.Step>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < candidates.size(); i += per) {
                List<RestoreService.Step> part = candidates.subList(i, Math.min(candidates.size(), i + per));
                futures.add(pool.submit(() -> {
                    List<RestoreService.Step> failed = new ArrayList<>();
                    for (RestoreService.Step s : part) {
                        if (copyOne(s)) {
                            progress.advance(1);
                        } else {
                            failed.add(s);
                        }
                    }
                    return failed;
                }));
            }
            int copied = candidates.size();
            for (Future<List<RestoreService.Step>> f : futures) {
                for (RestoreService.Step s : f.get()) {
                    rest.computeIfAbsent(s.entry().hash(), k -> new ArrayList<>()).add(s);
                    copied--;
                }
            }
            omni.trace("copied " + copied + " unchanged files from " + local.root());
            return rest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(OmniException.Kind.FAILURE, "interrupted while copying files");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Copies one file from the local working copy, then checks that its stat still matches the
     * cache entry: any write to it since that entry was made (before or during the copy) changed its
     * ctime, so a match proves the bytes copied are the ones the entry's hash names. False (nothing
     * left behind) when the file must come from the store instead.
     */
    private boolean copyOne(RestoreService.Step s) throws IOException {
        StatCache.Entry c = local.cache().get(s.path());
        Path src = local.root().resolve(s.path());
        Path dest = root.resolve(s.path());
        long size = c.size();
        // Any failure here (the source vanished, a read error, a full disk) leaves the file to the
        // store's path, which reports what it cannot write.
        try {
            if (size <= PackFormat.LOOSE_MIN) {
                byte[] data;
                try (java.io.FileInputStream in = new java.io.FileInputStream(src.toFile())) {
                    data = in.readNBytes((int) size + 1);
                }
                if (data.length != size) {
                    return false;
                }
                try (java.io.FileOutputStream out = new java.io.FileOutputStream(dest.toFile())) {
                    out.write(data);
                }
            } else {
                try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                     FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long pos = 0;
                    while (pos < size) {
                        long n = in.transferTo(pos, size - pos, out);
                        if (n <= 0) {
                            break;
                        }
                        pos += n;
                    }
                    if (pos != size) {
                        throw new IOException("size changed");
                    }
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(dest);
            return false;
        }
        if (local.beforeVerify() != null) {
            local.beforeVerify().accept(s.path());
        }
        boolean same;
        try {
            same = c.matches(FileStat.lstat(src));
        } catch (IOException e) {
            same = false;
        }
        if (!same) {
            Files.delete(dest);
            return false;
        }
        if (s.entry().executable()) {
            FileWriter.setExecutable(dest, true);
        }
        return true;
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
