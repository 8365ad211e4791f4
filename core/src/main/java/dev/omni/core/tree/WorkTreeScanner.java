package dev.omni.core.tree;

import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.model.EntryType;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.objects.PackFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walks a working copy in parallel (one task per directory) and builds its Merkle tree. Unchanged
 * files (same stat as in the cache) are not read; changed ones are hashed and, when an inserter is
 * given, stored. Files that vanish, cannot be read or are not regular files, directories or
 * symlinks are reported as warnings and left out; the result is always a consistent tree.
 */
public final class WorkTreeScanner {
    /** A file modified this close to the scan is not trusted by the next scan ("racy git"). */
    static final long RACY_NS = 2_000_000_000L;

    private final Path root;
    private final StatCache oldCache;
    private final ObjectInserter inserter;
    private final Warnings warnings;
    private final Progress progress;
    private final long scanStartNs;
    private final StatCache.Update update;
    private final Map<String, Tree> trees;
    private final Map<String, ObjectId> treeIds;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[PackFormat.LOOSE_MIN + 1]);
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Hashing::newDigest);

    /**
     * @param inserter where new content goes; null to only hash (for status and diff)
     */
    public WorkTreeScanner(Path root, StatCache oldCache, ObjectInserter inserter, Warnings warnings, Progress progress) {
        this.root = root;
        this.oldCache = oldCache;
        this.inserter = inserter;
        this.warnings = warnings;
        this.progress = progress;
        this.scanStartNs = System.currentTimeMillis() * 1_000_000L;
        int expected = Math.max(256, oldCache.size() * 4 / 3);
        this.update = oldCache.update();
        this.trees = new ConcurrentHashMap<>(expected / 8);
        this.treeIds = new ConcurrentHashMap<>(expected / 8);
    }

    /**
     * Scans {@code root} on a pool of its own (a thread per core, at least two); with an inserter,
     * new content is stored.
     */
    public static WorkTree scan(Path root, StatCache cache, ObjectInserter ins, Warnings warnings, Progress progress) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            return new WorkTreeScanner(root, cache, ins, warnings, progress).scan(pool);
        } finally {
            pool.shutdown();
        }
    }

    public WorkTree scan(ForkJoinPool pool) {
        IgnoreRules rules;
        try {
            rules = IgnoreRules.forRoot(root);
        } catch (IOException e) {
            warnings.warn(".git/info/exclude", "cannot read ignore rules: " + e.getMessage());
            rules = IgnoreRules.none();
        }
        progress.start("Scanning", -1, "files");
        DirResult r;
        try {
            r = pool.invoke(new DirTask(root, "", rules));
        } finally {
            progress.finish();
        }
        if (r == null) {
            throw new OmniException(OmniException.Kind.IO, "cannot read the working copy at " + root);
        }
        boolean cacheChanged = update.changed();
        return new WorkTree(r.id, trees, treeIds, files.get(), bytes.get(), update.result(), cacheChanged);
    }

    /** A directory's tree id, and whether it is exactly as the cache remembers it. */
    private record DirResult(ObjectId id, boolean clean) {
    }

    /** One included entry of a directory, as the scan found it. */
    private record Child(String name, EntryType type, boolean executable, long size, ObjectId hash, String target) {
        TreeEntry entry() {
            return new TreeEntry(name, type, executable, size, hash, target);
        }
    }

    private final class DirTask extends RecursiveTask<DirResult> {
        private final Path dir;
        private final String path;
        private final IgnoreRules parentRules;

        DirTask(Path dir, String path, IgnoreRules parentRules) {
            this.dir = dir;
            this.path = path;
            this.parentRules = parentRules;
        }

        @Override
        protected DirResult compute() {
            List<Path> listing = new ArrayList<>();
            Names names = list(listing);
            if (names == null) {
                return null;
            }
            IgnoreRules rules = rules(names);
            int n = listing.size();
            // First pass: stat everything and compare with the cache in place. Only a directory
            // that differs from the cache decodes entries and builds its tree.
            String[] fileNames = new String[n];
            String[] rels = new String[n];
            FileStat[] stats = new FileStat[n];
            Path[] paths = new Path[n];
            int[] cached = new int[n];
            int nf = 0;
            List<DirTask> subtasks = new ArrayList<>();
            List<String> subNames = new ArrayList<>();
            boolean clean = true;
            for (Path c : listing) {
                String name = c.getFileName().toString();
                String rel = PathRules.join(path, name);
                if (name.indexOf('\uFFFD') >= 0) {
                    warnings.warn(rel, "name is not valid UTF-8; left out");
                    continue;
                }
                FileStat st;
                try {
                    st = FileStat.lstat(c);
                } catch (NoSuchFileException e) {
                    warnings.warn(rel, "vanished during the scan; left out");
                    continue;
                } catch (IOException e) {
                    warnings.warn(rel, "cannot stat (" + e.getMessage() + "); left out");
                    continue;
                }
                if (rules.isIgnored(rel, name, st.isDir())) {
                    continue;
                }
                if (st.isDir()) {
                    subtasks.add(new DirTask(c, rel, rules));
                    subNames.add(name);
                    continue;
                }
                int idx = oldCache.find(rel);
                boolean hit = idx >= 0 && oldCache.matches(idx, st);
                clean &= hit;
                fileNames[nf] = name;
                rels[nf] = rel;
                stats[nf] = st;
                paths[nf] = c;
                cached[nf] = hit ? idx : -1;
                nf++;
            }
            DirResult[] subs = new DirResult[subtasks.size()];
            if (!subtasks.isEmpty()) {
                invokeAll(subtasks);
                for (int i = 0; i < subs.length; i++) {
                    subs[i] = subtasks.get(i).join();
                    clean &= subs[i] != null && subs[i].clean;
                }
            }
            int self = oldCache.find(path);
            if (clean && self >= 0 && oldCache.kind(self) == StatCache.Kind.DIR && oldCache.dirSize(self) == nf + subs.length) {
                // Every entry is as the cache remembers: the tree is the one it names.
                for (int i = 0; i < nf; i++) {
                    update.keep(cached[i]);
                    if (stats[i].isFile()) {
                        files.incrementAndGet();
                        bytes.addAndGet(stats[i].size());
                    }
                }
                progress.advance(nf);
                update.keep(self);
                ObjectId id = oldCache.hash(self);
                treeIds.put(path, id);
                return new DirResult(id, true);
            }
            List<Child> children = new ArrayList<>(nf + subs.length);
            for (int i = 0; i < nf; i++) {
                FileStat st = stats[i];
                Child child = st.isFile() ? file(paths[i], rels[i], fileNames[i], st, cached[i])
                        : st.isSymlink() ? symlink(paths[i], rels[i], fileNames[i], st, cached[i])
                        : special(rels[i], st);
                if (child != null) {
                    children.add(child);
                }
            }
            for (int i = 0; i < subs.length; i++) {
                if (subs[i] != null) {
                    children.add(new Child(subNames.get(i), EntryType.DIR, false, 0, subs[i].id, null));
                }
            }
            List<TreeEntry> entries = new ArrayList<>(children.size());
            for (Child ch : children) {
                entries.add(ch.entry());
            }
            Tree tree = Tree.of(entries);
            byte[] encoded = TreeCodec.encode(tree);
            ObjectId id = Hashing.sha256(encoded);
            trees.put(path, tree);
            treeIds.put(path, id);
            boolean known = self >= 0 && oldCache.kind(self) == StatCache.Kind.DIR && oldCache.hash(self).equals(id);
            if (known && oldCache.dirSize(self) == children.size()) {
                // Rebuilt to the same tree (e.g. beside a fifo, which is never cached): the entry stands.
                update.keep(self);
            } else {
                update.put(path, StatCache.Entry.dir(children.size(), id));
            }
            if (inserter != null && !known) {
                inserter.insertTree(id, encoded);
            }
            return new DirResult(id, false);
        }

        /**
         * Fills {@code out} with the directory's entries and says which special names it holds; null
         * (with a warning) when it cannot be listed or holds another omni workspace.
         */
        private Names list(List<Path> out) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path c : ds) {
                    out.add(c);
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                warnings.warn(path, "directory vanished during the scan; left out");
                return null;
            } catch (AccessDeniedException e) {
                warnings.warn(path, "permission denied; directory left out");
                return null;
            } catch (IOException e) {
                warnings.warn(path, "cannot list directory (" + e.getMessage() + "); left out");
                return null;
            }
            boolean gitignore = false;
            boolean omniignore = false;
            boolean omni = false;
            for (Path c : out) {
                Path f = c.getFileName();
                gitignore |= f.endsWith(IgnoreRules.GITIGNORE);
                omniignore |= f.endsWith(IgnoreRules.OMNIIGNORE);
                omni |= f.endsWith(".omni");
            }
            // Only a directory that holds an entry named .omni can be a workspace: no stat for the others.
            if (omni && !path.isEmpty() && Files.isRegularFile(dir.resolve(".omni/workspace.json"))) {
                warnings.warn(path, "is another omni workspace; left out");
                return null;
            }
            return new Names(gitignore, omniignore);
        }

        private IgnoreRules rules(Names names) {
            if (!names.gitignore && !names.omniignore) {
                return parentRules;
            }
            try {
                return parentRules.child(dir, path, names.gitignore, names.omniignore);
            } catch (IOException e) {
                warnings.warn(path, "cannot read ignore file (" + e.getMessage() + ")");
                return parentRules;
            }
        }
    }

    /** Which ignore files a directory holds. */
    private record Names(boolean gitignore, boolean omniignore) {
    }

    private Child file(Path p, String rel, String name, FileStat st, int hit) {
        long size = st.size();
        ObjectId hash;
        boolean racy = st.mtimeNs() >= scanStartNs - RACY_NS;
        if (hit >= 0) {
            hash = oldCache.hash(hit);
            update.keep(hit);
        } else {
            try {
                Hashed h = hash(p, size);
                hash = h.id;
                if (h.size != size) {
                    warnings.warn(rel, "changed while being read; snapshotted as read");
                    size = h.size;
                    racy = true;
                }
            } catch (NoSuchFileException e) {
                warnings.warn(rel, "vanished during the scan; left out");
                return null;
            } catch (AccessDeniedException e) {
                warnings.warn(rel, "permission denied; left out");
                return null;
            } catch (IOException e) {
                warnings.warn(rel, "cannot read (" + e.getMessage() + "); left out");
                return null;
            }
            update.put(rel, new StatCache.Entry(StatCache.Kind.FILE, size, st.mtimeNs(), st.ctimeNs(), st.inode(),
                    st.mode(), hash, null, racy));
        }
        files.incrementAndGet();
        bytes.addAndGet(size);
        progress.advance(1);
        return new Child(name, EntryType.FILE, st.executable(), size, hash, null);
    }

    private Child symlink(Path p, String rel, String name, FileStat st, int hit) {
        String target;
        if (hit >= 0 && oldCache.kind(hit) == StatCache.Kind.SYMLINK) {
            target = oldCache.target(hit);
            update.keep(hit);
        } else {
            try {
                target = Files.readSymbolicLink(p).toString();
            } catch (NoSuchFileException e) {
                warnings.warn(rel, "vanished during the scan; left out");
                return null;
            } catch (IOException e) {
                warnings.warn(rel, "cannot read symlink (" + e.getMessage() + "); left out");
                return null;
            }
            if (target.isEmpty() || target.indexOf('\uFFFD') >= 0) {
                warnings.warn(rel, "symlink target is empty or not valid UTF-8; left out");
                return null;
            }
            boolean racy = st.mtimeNs() >= scanStartNs - RACY_NS;
            update.put(rel, new StatCache.Entry(StatCache.Kind.SYMLINK, st.size(), st.mtimeNs(), st.ctimeNs(), st.inode(),
                    st.mode(), null, target, racy));
        }
        return new Child(name, EntryType.SYMLINK, false, 0, null, target);
    }

    private Child special(String rel, FileStat st) {
        warnings.warn(rel, "is not a regular file, directory or symlink (" + kind(st.type()) + "); left out");
        return null;
    }

    private record Hashed(ObjectId id, long size) {
    }
    private Hashed hash(Path p, long statSize) throws IOException {
        if (statSize <= PackFormat.LOOSE_MIN) {
            // Read the size lstat saw, in one read when the file is unchanged. A file that grew
            // meanwhile is stored as read and its new stat makes the next scan hash it again.
            byte[] buf = buffers.get();
            int n = 0;
            int want = (int) statSize;
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
                while (bb.hasRemaining()) {
                    int r = ch.read(bb);
                    if (r < 0) {
                        break;
                    }
                }
                n = bb.position();
            }
            MessageDigest md = digests.get();
            md.update(buf, 0, n);
            ObjectId id = Hashing.finish(md);
            if (inserter != null) {
                inserter.insert(id, buf, 0, n);
            }
            return new Hashed(id, n);
        }
        try (InputStream in = Files.newInputStream(p)) {
            if (inserter != null) {
                ObjectInserter.Inserted ins = inserter.insertStream(in);
                return new Hashed(ins.id(), ins.size());
            }
            MessageDigest md = digests.get();
            byte[] buf = buffers.get();
            long total = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
                total += r;
            }
            return new Hashed(Hashing.finish(md), total);
        }
    }

    private static String kind(int fmt) {
        return switch (fmt) {
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            case 0020000 -> "character device";
            case 0060000 -> "block device";
            default -> "unknown type";
        };
    }
}
