package dev.omni.core.snapshot;

import dev.omni.core.Omni;
import dev.omni.core.OmniException.Reason;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.activity.ActivityEvent;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.TreeDiff;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.tree.Manifest;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.tree.WorkTreeScanner;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Taking snapshots of a working copy, and reading them back. */
public final class SnapshotService {
    private final Omni omni;

    public SnapshotService(Omni omni) {
        this.omni = omni;
    }

    /** What to record with a snapshot. */
    public record Options(String message, String source, boolean allowEmpty, List<SnapshotId> extraParents, boolean moveHead) {
        public Options {
            extraParents = extraParents == null ? List.of() : List.copyOf(extraParents);
        }

        public Options(String message, String source, boolean allowEmpty, List<SnapshotId> extraParents) {
            this(message, source, allowEmpty, extraParents, true);
        }

        public static Options of(String message, String source) {
            return new Options(message, source, false, List.of());
        }

        /** A snapshot that keeps the working copy's state without becoming the workspace's head. */
        public Options detached() {
            return new Options(message, source, true, extraParents, false);
        }
    }

    /** A new snapshot, or none when nothing changed; the scan either way. */
    public record Taken(Snapshot snapshot, WorkTree work, long newObjects, long newBytes) {
        public boolean recorded() {
            return snapshot != null;
        }
    }

    /** Records the working copy of {@code ws}. Unchanged and not {@code allowEmpty}: records nothing. */
    public Taken take(Workspace ws, Options opts, Warnings warnings, Progress progress) {
        return take(new WorkspaceRef(requireRoot(ws), ws.projectId(), ws.id()), opts, warnings, progress);
    }

    /**
     * Records the working copy named by {@code ref} ({@code .omni/workspace.json}). The scan runs
     * before the database is needed, so a caller that opened it in the background overlaps both.
     */
    public Taken take(WorkspaceRef ref, Options opts, Warnings warnings, Progress progress) {
        try (ProcessLocks.Held wl = omni.workspaceLock(ref.workspaceId()); ProcessLocks.Held sl = omni.storeShared()) {
            return takeLocked(ref, opts, warnings, progress, true);
        }
    }

    /**
     * {@link #take} for callers that already hold the workspace lock and the shared store lock (restore,
     * merge, import take a safety snapshot first within their own locked operation).
     */
    public Taken takeLocked(Workspace ws, Options opts, Warnings warnings, Progress progress) {
        return takeLocked(new WorkspaceRef(requireRoot(ws), ws.projectId(), ws.id()), opts, warnings, progress, false);
    }

    /** {@code refuseMidMerge}: a plain snapshot must not record a half-merged tree (merge's own commit may). */
    private Taken takeLocked(WorkspaceRef ref, Options opts, Warnings warnings, Progress progress, boolean refuseMidMerge) {
        Path root = ref.root();
        Path cacheFile = omni.statCacheFile(ref.workspaceId());
        try (ObjectInserter ins = omni.objects().newInserter()) {
            StatCache cache = StatCache.load(cacheFile);
            omni.trace("stat cache loaded (" + cache.size() + " entries)");
            WorkTree work = scan(root, cache, ins, warnings, progress);
            omni.trace("scanned " + work.files() + " files, " + ins.objectsWritten() + " new objects");
            omni.testPause("snapshot.scanned");
            // Checked after the scan, which needs no database: a store opening in the background overlaps it.
            if (refuseMidMerge && new WorkspaceService(omni).mergeInProgress(ref.workspaceId())) {
                throw OmniException.conflict(Reason.MERGE_IN_PROGRESS, "a merge is in progress in this workspace");
            }
            // Read under the lock: another process may have moved the head meanwhile.
            Workspace w = workspace(ref);
            Snapshot current = w.currentSnapshot() == null ? null : get(w.currentSnapshot());
            boolean unchanged = current != null && current.manifestHash().equals(work.root());
            omni.trace("head read");
            if (unchanged && !opts.allowEmpty() && opts.extraParents().isEmpty()) {
                saveCache(work, cacheFile);
                new WorkspaceService(omni).touch(List.of(w.id()));
                omni.trace("nothing changed");
                return new Taken(null, work, 0, 0);
            }
            ins.flush();
            omni.trace("objects flushed");
            omni.testPause("snapshot.flushed");
            Snapshot snap = newSnapshot(w, current, work, opts, GitInfo.read(root));
            omni.trace("git info read");
            omni.db().write(c -> {
                ins.commit();
                if (opts.moveHead()) {
                    record(w, snap, ins.objectsWritten(), ins.bytesWritten());
                } else {
                    Snapshots.insert(c, snap);
                }
                return null;
            });
            omni.trace("snapshot committed");
            saveCache(work, cacheFile);
            omni.trace("stat cache saved");
            return new Taken(snap, work, ins.objectsWritten(), ins.bytesWritten());
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot write objects: " + e.getMessage(), e);
        }
    }

    private Snapshot newSnapshot(Workspace w, Snapshot current, WorkTree work, Options opts, GitInfo git) {
        List<SnapshotId> parents = new ArrayList<>();
        if (current != null) {
            parents.add(current.id());
        }
        for (SnapshotId p : opts.extraParents()) {
            if (!parents.contains(p)) {
                parents.add(p);
            }
        }
        return new Snapshot(SnapshotId.of(omni.ulid()), w.projectId(), w.id(), work.root(), parents, opts.source(),
                opts.message(), omni.author(), omni.now(), work.files(), work.bytes(),
                git == null ? null : git.branch(), git == null ? null : git.commit());
    }

    /**
     * Records {@code snap} as the new head of {@code w} in one transaction (the caller's, when it has
     * one open): the row, its parents, the workspace head, and an activity event.
     */
    public void record(Workspace w, Snapshot snap, long newObjects, long newBytes) {
        WorkspaceService workspaces = new WorkspaceService(omni);
        omni.db().write(c -> {
            Snapshots.insert(c, snap);
            workspaces.setHead(w.id(), snap.id(), snap.createdAt());
            if (w.baseSnapshot() == null) {
                workspaces.setBase(w.id(), snap.id());
            }
            workspaces.touchProject(w.projectId(), snap.createdAt());
            new ActivityService(omni).record(new ActivityEvent(omni.newId(), w.projectId(), w.id(), "snapshot.created", snap.source(),
                    snap.id().value(), snap.message() != null ? snap.message() : "snapshot of '" + w.name() + "'",
                    Json.write(Map.of("files", snap.files(), "bytes", snap.bytes(), "new_objects", newObjects,
                            "new_bytes", newBytes)), snap.createdAt()));
            return null;
        });
    }

    /**
     * Records a snapshot that moves no workspace's head (an imported archive's, another machine's),
     * in the caller's transaction when it has one open. Its parents must be here.
     */
    public void insert(Snapshot snap) {
        omni.db().write(c -> {
            for (SnapshotId p : snap.parents()) {
                if (!Snapshots.exists(c, p)) {
                    throw OmniException.corrupt(snap.id() + " names parent " + p + ", which is not here");
                }
            }
            Snapshots.insert(c, snap);
            return null;
        });
    }

    private static void saveCache(WorkTree work, Path file) {
        if (!work.cacheChanged()) {
            return;
        }
        try {
            work.cache().save(file);
        } catch (IOException ignored) {
            // only a cache: the next scan hashes more
        }
    }

    /** Scans a working copy; with an inserter, new content is stored. */
    public WorkTree scan(Path root, StatCache cache, ObjectInserter ins, Warnings warnings, Progress progress) {
        return WorkTreeScanner.scan(root, cache, ins, warnings, progress);
    }

    /** The working copy compared with the workspace's current snapshot. */
    public record Status(Snapshot current, WorkTree work, List<Change> changes) {
        public boolean clean() {
            return changes.isEmpty();
        }
    }

    public Status status(Workspace ws, Warnings warnings, Progress progress) {
        return status(new WorkspaceRef(requireRoot(ws), ws.projectId(), ws.id()), warnings, progress);
    }

    /** Like {@link #take}, scans before it needs the database. */
    public Status status(WorkspaceRef ref, Warnings warnings, Progress progress) {
        Path cacheFile = omni.statCacheFile(ref.workspaceId());
        WorkTree work = scan(ref.root(), StatCache.load(cacheFile), null, warnings, progress);
        omni.trace("scanned " + work.files() + " files");
        Workspace ws = workspace(ref);
        Snapshot current = ws.currentSnapshot() == null ? null : get(ws.currentSnapshot());
        if (current != null && current.manifestHash().equals(work.root())) {
            saveCache(work, cacheFile);
            return new Status(current, work, List.of());
        }
        StoreTrees stored = new StoreTrees(omni.objects());
        List<Change> changes = new TreeDiff(stored, stored.with(work), null)
                .compare(current == null ? null : current.manifestHash(), work.root());
        return new Status(current, work, changes);
    }

    /** The workspace row {@code ref} names; a clear error when the store does not know it. */
    public Workspace workspace(WorkspaceRef ref) {
        return new WorkspaceService(omni).workspace(ref);
    }

    private static Path requireRoot(Workspace ws) {
        Path root = ws.localPath();
        if (root == null || !Files.isDirectory(root)) {
            throw OmniException.notFound("workspace '" + ws.name() + "' has no working copy on this machine"
                    + (root == null ? "" : " (" + root + " is gone)"));
        }
        return root;
    }

    public Snapshot get(SnapshotId id) {
        return find(id).orElseThrow(() -> OmniException.notFound(Reason.UNKNOWN_SNAPSHOT, "no snapshot " + id));
    }

    public Optional<Snapshot> find(SnapshotId id) {
        return omni.db().read(c -> Snapshots.find(c, id));
    }

    /** The snapshots of {@code ids} that are here, read in one go. */
    public Map<SnapshotId, Snapshot> findAll(Collection<SnapshotId> ids) {
        return omni.db().read(c -> {
            Map<SnapshotId, Snapshot> out = new java.util.HashMap<>();
            for (SnapshotId id : ids) {
                Snapshots.find(c, id).ifPresent(s -> out.put(id, s));
            }
            return out;
        });
    }

    public boolean exists(SnapshotId id) {
        return omni.db().read(c -> Snapshots.exists(c, id));
    }

    /** {@code id} and every snapshot it descends from. */
    public Set<SnapshotId> ancestors(SnapshotId id) {
        return omni.db().read(c -> Dag.ancestors(c, id));
    }

    /**
     * The best common ancestor of {@code a} and {@code b} (the newest, when several are equally
     * good, as after criss-cross merges); empty when they share no history.
     */
    public Optional<SnapshotId> mergeBase(SnapshotId a, SnapshotId b) {
        return omni.db().read(c -> Dag.mergeBase(c, a, b));
    }

    /** Every snapshot's root tree, for gc and fsck. */
    public Map<SnapshotId, ObjectId> allManifests() {
        return omni.db().read(Snapshots::allManifests);
    }

    /** A link from a snapshot to a parent this store does not have. */
    public record DanglingParent(SnapshotId snapshot, SnapshotId parent) {
    }

    /** Links to parents that are not here (fsck). */
    public List<DanglingParent> danglingParents() {
        return omni.db().read(Snapshots::danglingParents);
    }

    /** The history of the workspace's current snapshot, newest first (merged histories included). */
    public List<Snapshot> log(Workspace ws, int limit) {
        if (ws.currentSnapshot() == null) {
            return List.of();
        }
        return omni.db().read(c -> Dag.history(c, ws.currentSnapshot(), limit));
    }

    public List<Snapshot> projectLog(String projectId, int limit) {
        return omni.db().read(c -> Snapshots.ofProject(c, projectId, limit));
    }

    /**
     * Resolves what a person typed: a full id, a unique prefix (with or without {@code snap-}), or
     * {@code @} (the workspace's current snapshot) with {@code ~N} for the N-th first parent.
     */
    public SnapshotId resolve(String ref, Workspace context) {
        String r = ref.trim();
        if (r.equals("@") || r.startsWith("@~") || r.equals("HEAD") || r.startsWith("HEAD~")) {
            if (context == null || context.currentSnapshot() == null) {
                throw OmniException.notFound("'" + ref + "' needs a workspace with a snapshot");
            }
            int tilde = r.indexOf('~');
            int n = 0;
            if (tilde >= 0) {
                try {
                    n = tilde == r.length() - 1 ? 1 : Integer.parseInt(r.substring(tilde + 1));
                } catch (NumberFormatException e) {
                    throw OmniException.invalid("not a snapshot reference: " + ref);
                }
            }
            SnapshotId id = context.currentSnapshot();
            for (int i = 0; i < n; i++) {
                SnapshotId cur = id;
                List<SnapshotId> parents = parents(cur);
                if (parents.isEmpty()) {
                    throw OmniException.notFound("'" + ref + "' goes back further than the first snapshot");
                }
                id = parents.get(0);
            }
            return id;
        }
        String prefix = r.startsWith(SnapshotId.PREFIX) ? r : SnapshotId.PREFIX + r.toUpperCase();
        if (prefix.length() <= SnapshotId.PREFIX.length()) {
            throw OmniException.invalid("empty snapshot id");
        }
        List<SnapshotId> found = omni.db().read(c -> Snapshots.withPrefix(c, prefix, 5));
        if (found.isEmpty()) {
            throw OmniException.notFound(Reason.UNKNOWN_SNAPSHOT, "no snapshot matches '" + ref + "'");
        }
        if (found.size() > 1) {
            throw OmniException.invalid("'" + ref + "' is ambiguous: it matches " + String.join(", ",
                    found.stream().map(SnapshotId::value).toList()) + (found.size() == 5 ? ", …" : ""));
        }
        return found.get(0);
    }

    /** The parents of {@code id}, first parent first. */
    public List<SnapshotId> parents(SnapshotId id) {
        return omni.db().read(c -> Snapshots.parents(c, id));
    }

    /** The flat file list of a snapshot. */
    public List<Manifest.Item> files(Snapshot s) {
        return Manifest.flatten(new StoreTrees(omni.objects()), s.manifestHash());
    }

    public ObjectId manifest(SnapshotId id) {
        return get(id).manifestHash();
    }
}
