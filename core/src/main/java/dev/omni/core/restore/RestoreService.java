package dev.omni.core.restore;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.TreeDiff;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.Manifest;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.tree.TreeSource;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Puts a snapshot's files back: content, executable bit, symlinks (target kept, never followed) and
 * empty directories. Into the working copy it first takes a safety snapshot, so nothing is lost,
 * and removes tracked files the snapshot does not have; anything untracked that stands in the way
 * (an ignored file where a restored file goes) is moved aside, never overwritten.
 */
public final class RestoreService {
    private final Omni omni;

    public RestoreService(Omni omni) {
        this.omni = omni;
    }

    /** What a restore did, or (dry run) would do. */
    public record Result(SnapshotId restored, SnapshotId safetySnapshot, List<Step> steps, List<String> movedAside, boolean dryRun) {
        public long count(Step.Kind k) {
            return steps.stream().filter(s -> s.kind() == k).count();
        }
    }

    /** One change to the target. */
    public record Step(Kind kind, String path, TreeEntry entry) {
        /** What happens to the path. */
        public enum Kind { CREATE, UPDATE, DELETE }
    }

    /**
     * A working copy that may supply file contents instead of the store: its stat cache names each
     * file's hash, and a file whose stat still matches its entry before and after the copy holds
     * exactly that content (the proof a snapshot relies on). {@code beforeVerify} runs after each
     * copy, before the second stat (a test hook; null otherwise).
     */
    public record LocalSource(Path root, StatCache cache, java.util.function.Consumer<String> beforeVerify) {
    }

    /** Restores into {@code dir}, which must be empty or absent unless {@code force}. */
    public Result restoreToDirectory(Snapshot snap, List<String> paths, Path dir, boolean force, boolean dryRun, Progress progress) {
        return restoreToDirectory(snap, paths, dir, force, dryRun, progress, null);
    }

    /**
     * {@link #restoreToDirectory(Snapshot, List, Path, boolean, boolean, Progress)}, copying unchanged
     * files from {@code local} (may be null) and the others from the store.
     */
    public Result restoreToDirectory(Snapshot snap, List<String> paths, Path dir, boolean force, boolean dryRun, Progress progress,
                                     LocalSource local) {
        omni.trace("restoring " + snap.id());
        Predicate<String> filter = filter(snap, paths);
        boolean exists = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw OmniException.conflict(dir + " exists and is not a directory");
        }
        if (exists && !force && !isEmptyDir(dir)) {
            throw OmniException.conflict(dir + " is not empty; restore into an empty directory, or use --force to write into it");
        }
        TreeSource trees = new StoreTrees(omni.objects());
        List<Step> steps = new ArrayList<>();
        List<Manifest.Item> items = Manifest.flatten(trees, snap.manifestHash());
        omni.trace("manifest read (" + items.size() + " entries)");
        for (Manifest.Item i : items) {
            if (!filter.test(i.path())) {
                continue;
            }
            boolean there = exists && Files.exists(dir.resolve(i.path()), LinkOption.NOFOLLOW_LINKS);
            if (i.entry().isDir() && there) {
                continue;
            }
            steps.add(new Step(there ? Step.Kind.UPDATE : Step.Kind.CREATE, i.path(), i.entry()));
        }
        if (!dryRun) {
            try (ProcessLocks.Held sl = omni.storeShared()) {
                boolean fresh = !exists || isEmptyDir(dir);
                Files.createDirectories(dir);
                if (!fresh) {
                    checkTypes(dir, steps);
                }
                omni.trace("planned " + steps.size() + " steps");
                new Materializer(omni, dir, fresh, progress, local).apply(steps);
            } catch (IOException e) {
                throw io("restore into " + dir, e);
            }
        }
        return new Result(snap.id(), null, steps, List.of(), dryRun);
    }

    /** Restores into the working copy of {@code ws}, after a safety snapshot. */
    public Result restoreToWorkspace(Workspace ws, Snapshot snap, List<String> paths, boolean dryRun, String source,
                                     Warnings warnings, Progress progress) {
        Predicate<String> filter = filter(snap, paths);
        Path root = ws.localPath();
        SnapshotService snaps = new SnapshotService(omni);
        if (dryRun) {
            WorkTree work = snaps.scan(root, StatCache.load(omni.statCacheFile(ws.id())), null, warnings, Progress.NONE);
            return new Result(snap.id(), null, plan(work, snap, filter), List.of(), true);
        }
        try (ProcessLocks.Held wl = omni.workspaceLock(ws.id()); ProcessLocks.Held sl = omni.storeShared()) {
            SnapshotService.Taken safety = snaps.takeLocked(ws, SnapshotService.Options.of(
                    "safety snapshot before restoring " + snap.id().abbrev(), source), warnings, Progress.NONE);
            SnapshotId safetyId = safety.recorded() ? safety.snapshot().id() : ws.currentSnapshot();
            List<Step> steps = plan(safety.work(), snap, filter);
            List<String> aside = apply(root, steps, safety.work(), warnings, progress);
            {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("snapshot", snap.id().value());
                data.put("safety_snapshot", safetyId == null ? null : safetyId.value());
                data.put("paths", paths);
                data.put("written", steps.stream().filter(s -> s.kind() != Step.Kind.DELETE).count());
                data.put("deleted", steps.stream().filter(s -> s.kind() == Step.Kind.DELETE).count());
                new ActivityService(omni).record(ws.projectId(), ws.id(), "restore.completed", source, snap.id().value(),
                        "restored " + (paths.isEmpty() ? "all files" : String.join(", ", paths)) + " from " + snap.id().abbrev(),
                        Json.write(data), omni.now());
            }
            return new Result(snap.id(), safetyId, steps, aside, false);
        } catch (IOException e) {
            throw io("restore into " + root, e);
        }
    }

    /**
     * Makes the working copy of {@code ws}, last scanned as {@code work}, equal to {@code snap}. For
     * callers that hold the workspace lock and took their own safety snapshot (import, merge).
     */
    public List<String> materializeLocked(Workspace ws, Snapshot snap, WorkTree work, Warnings warnings, Progress progress) {
        return materializeLocked(ws, snap.manifestHash(), work, warnings, progress);
    }

    /** Like {@link #materializeLocked(Workspace, Snapshot, WorkTree, Warnings, Progress)} for any stored tree. */
    public List<String> materializeLocked(Workspace ws, dev.omni.core.model.ObjectId tree, WorkTree work, Warnings warnings,
                                          Progress progress) {
        try {
            return apply(ws.localPath(), plan(work, tree, p -> true), work, warnings, progress);
        } catch (IOException e) {
            throw io("update " + ws.localPath(), e);
        }
    }

    /** The steps that turn the scanned working copy into the snapshot, within {@code filter}. */
    private List<Step> plan(WorkTree work, Snapshot snap, Predicate<String> filter) {
        return plan(work, snap.manifestHash(), filter);
    }

    private List<Step> plan(WorkTree work, dev.omni.core.model.ObjectId tree, Predicate<String> filter) {
        StoreTrees stored = new StoreTrees(omni.objects());
        List<Change> changes = new TreeDiff(stored.with(work), stored, filter).compare(work.root(), tree);
        List<Step> steps = new ArrayList<>();
        for (Change c : changes) {
            switch (c.kind()) {
                case DELETED -> steps.add(new Step(Step.Kind.DELETE, c.path(), c.before()));
                case ADDED -> steps.add(new Step(Step.Kind.CREATE, c.path(), c.after()));
                case MODIFIED -> steps.add(new Step(Step.Kind.UPDATE, c.path(), c.after()));
                default -> throw new IllegalStateException();
            }
        }
        return steps;
    }

    private List<String> apply(Path root, List<Step> steps, WorkTree work, Warnings warnings, Progress progress) throws IOException {
        List<String> aside = new ArrayList<>();
        // Deletions first, deepest first, then directories they emptied.
        List<Step> deletions = steps.stream().filter(s -> s.kind() == Step.Kind.DELETE)
                .sorted(Comparator.comparing(Step::path, Comparator.reverseOrder())).toList();
        for (Step d : deletions) {
            Path p = root.resolve(d.path());
            if (d.entry().isDir()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    warnings.warn(d.path(), "directory holds untracked files; kept");
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
        List<Step> writes = new ArrayList<>();
        for (Step s : steps) {
            if (s.kind() == Step.Kind.DELETE) {
                continue;
            }
            Path p = root.resolve(s.path());
            if (s.kind() == Step.Kind.CREATE && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                if (s.entry().isDir() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                // Something the scan did not track (ignored, or left out) is in the way: keep it.
                Path moved = moveAside(p);
                aside.add(s.path() + " -> " + root.relativize(moved));
                warnings.warn(s.path(), "was untracked and in the way; moved to " + root.relativize(moved));
            }
            writes.add(s);
        }
        removeEmptiedDirs(root, deletions, writes);
        checkTypes(root, writes);
        new Materializer(omni, root, false, progress).apply(writes);
        return aside;
    }

    /** Removes directories that deletions emptied and that the snapshot does not have. */
    private static void removeEmptiedDirs(Path root, List<Step> deletions, List<Step> writes) throws IOException {
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (Step w : writes) {
            for (String p = parent(w.path()); !p.isEmpty(); p = parent(p)) {
                keep.add(p);
            }
        }
        java.util.TreeSet<String> candidates = new java.util.TreeSet<>(Comparator.reverseOrder());
        for (Step d : deletions) {
            for (String p = parent(d.path()); !p.isEmpty(); p = parent(p)) {
                candidates.add(p);
            }
        }
        for (String dir : candidates) {
            if (keep.contains(dir)) {
                continue;
            }
            Path p = root.resolve(dir);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isEmptyDir(p) && !isTargetDir(writes, dir)) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean isTargetDir(List<Step> writes, String dir) {
        return writes.stream().anyMatch(w -> w.entry().isDir() && w.path().equals(dir));
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    private static Path moveAside(Path p) throws IOException {
        Path dest = p.resolveSibling(p.getFileName() + ".omni-orig");
        for (int n = 2; Files.exists(dest, LinkOption.NOFOLLOW_LINKS); n++) {
            dest = p.resolveSibling(p.getFileName() + ".omni-orig-" + n);
        }
        Files.move(p, dest);
        return dest;
    }

    /** A directory in the way of a file (or a file in the way of a directory) that we may not remove. */
    private static void checkTypes(Path root, List<Step> steps) {
        for (Step s : steps) {
            Path p = root.resolve(s.path());
            if (!s.entry().isDir() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw OmniException.conflict("cannot restore " + s.path() + ": a directory is in the way");
            }
        }
    }

    /** Which paths to restore: all, or those at or under the given ones (each must exist in the snapshot). */
    private Predicate<String> filter(Snapshot snap, List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            return p -> true;
        }
        TreeSource trees = new StoreTrees(omni.objects());
        for (String p : paths) {
            String why = PathRules.whyBadPath(p);
            if (why != null) {
                throw OmniException.invalid(why);
            }
            if (Manifest.lookup(trees, snap.manifestHash(), p) == null) {
                throw OmniException.notFound(snap.id() + " has no " + p);
            }
        }
        return path -> paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static OmniException io(String what, IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException ad) {
            return new OmniException(OmniException.Kind.IO, "cannot " + what + ": permission denied: " + ad.getFile(), e);
        }
        return new OmniException(OmniException.Kind.IO, "cannot " + what + ": " + e, e);
    }

}
