package dev.omni.sync;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.sync.SyncState;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.sync.client.ServerClient;
import dev.omni.wire.ProtocolLimits;
import dev.omni.wire.SnapshotRequest;
import dev.omni.wire.WorkspaceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pushes a workspace: registers its project and workspace, asks which objects the server lacks
 * and uploads only those (small ones in framed batches, several at once; large ones streamed),
 * then the snapshots the server does not have, oldest first, then moves the workspace's head with
 * the version it last saw. Everything it does is idempotent, and what reached the server is
 * remembered, so an interrupted push resumes without sending anything twice. A head that moved
 * elsewhere is never overwritten.
 */
public final class PushService {
    static final int UPLOADERS = 4;
    static final int SMALL = 1 << 20;

    private final Omni omni;
    private final ServerClient client;
    private final SyncState state;
    private final SnapshotService snapshots;
    private final Progress progress;

    public PushService(Omni omni, ServerClient client, Progress progress) {
        this.omni = omni;
        this.client = client;
        this.state = new SyncState(omni, client.server().toString());
        this.snapshots = new SnapshotService(omni);
        this.progress = progress;
    }

    /**
     * What a push did: {@code objectBytes} is the raw size of the objects sent, {@code bytesSent}
     * what went over the wire for them (batches are compressed).
     */
    public record Result(String workspace, int snapshots, long objectsSent, long objectBytes, long bytesSent,
                         long objectsSkipped, String head, long version, long millis) {
    }

    public Result push(Workspace ws) {
        long start = System.nanoTime();
        if (ws.currentSnapshot() == null) {
            throw OmniException.notFound(OmniException.Reason.NO_SNAPSHOT_YET, "workspace '" + ws.name() + "' has no snapshot to push yet");
        }
        try (ProcessLocks.Held sl = omni.storeShared()) {
            WorkspaceService wss = new WorkspaceService(omni);
            Project project = wss.projectOf(ws);
            SnapshotId head = ws.currentSnapshot();
            Set<SnapshotId> remote = state.snapshots();
            List<Snapshot> todo = ordered(snapshots.ancestors(head), remote);
            registerProject(project, ws);
            registerWorkspaces(project, ws, todo);
            omni.trace("push: registered, " + todo.size() + " snapshots to send");
            long[] sent = uploadObjects(todo, remote);
            omni.trace("push: objects uploaded");
            for (Snapshot s : todo) {
                putSnapshot(s);
            }
            omni.trace("push: snapshots recorded");
            SyncState.Head moved = moveHead(ws, head);
            return new Result(ws.name(), todo.size(), sent[0], sent[1], sent[2], sent[3], head.value(), moved.version(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The snapshots among {@code ids} that the server lacks, parents before children. */
    private List<Snapshot> ordered(Set<SnapshotId> ids, Set<SnapshotId> remote) {
        List<SnapshotId> missing = new ArrayList<>();
        for (SnapshotId id : ids) {
            if (!remote.contains(id)) {
                missing.add(id);
            }
        }
        // Usually a handful: the ids of the whole history are cheap, whole rows only for these.
        Map<SnapshotId, Snapshot> rows = snapshots.findAll(missing);
        List<Snapshot> pending = new ArrayList<>();
        for (SnapshotId id : missing) {
            Snapshot s = rows.get(id);
            if (s == null) {
                throw OmniException.corrupt("snapshot " + id + " is missing");
            }
            pending.add(s);
        }
        List<Snapshot> out = new ArrayList<>();
        Set<SnapshotId> done = new HashSet<>(remote);
        pending.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Snapshot s = it.next();
                if (done.containsAll(s.parents())) {
                    out.add(s);
                    done.add(s.id());
                    it.remove();
                    progressed = true;
                }
            }
            if (!progressed) {
                throw OmniException.corrupt("the snapshot DAG has a parent that is neither here nor on the server: "
                        + pending.get(0).parents());
            }
        }
        return out;
    }

    private void registerProject(Project p, Workspace ws) {
        client.putProject(p.id(), p.name(), null);
        state.addProject(p.id());
    }

    /** The pushed workspace and every workspace the new snapshots were taken in (merged histories). */
    private void registerWorkspaces(Project p, Workspace ws, List<Snapshot> todo) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(ws.id());
        for (Snapshot s : todo) {
            if (s.workspaceId() != null) {
                ids.add(s.workspaceId());
            }
        }
        for (String id : ids) {
            Workspace w = new WorkspaceService(omni).find(id).orElse(null);
            if (w == null || !w.projectId().equals(p.id())) {
                continue;
            }
            boolean mine = omni.machineId().equals(w.machineId());
            client.putWorkspace(w.id(), new WorkspaceRequest(p.id(), w.name(), w.machineId(),
                    mine && w.localPath() != null ? w.localPath().toString() : null,
                    w.baseSnapshot() == null || !mine ? null : w.baseSnapshot().value()));
        }
        if (ws.id().equals(p.mainWorkspaceId())) {
            client.putProject(p.id(), p.name(), ws.id());
        }
    }

    /** Uploads what the server lacks of the new snapshots; returns objects sent, their bytes, bytes sent, objects skipped. */
    private long[] uploadObjects(List<Snapshot> todo, Set<SnapshotId> remote) {
        if (todo.isEmpty()) {
            return new long[4];
        }
        StoreTrees trees = new StoreTrees(omni.objects());
        // Each snapshot is compared with a parent whose objects the server has (or gets in this
        // push): only the trees that differ are read, only the files that differ are candidates.
        Map<SnapshotId, ObjectId> bases = new HashMap<>();
        Set<ObjectId> seen = new HashSet<>();
        Map<ObjectId, Long> candidates = new LinkedHashMap<>();
        for (Snapshot s : todo) {
            ObjectId base = null;
            for (SnapshotId parent : s.parents()) {
                if (bases.containsKey(parent)) {
                    base = bases.get(parent);
                    break;
                }
                if (remote.contains(parent)) {
                    base = snapshots.get(parent).manifestHash();
                    break;
                }
            }
            changed(trees, s.manifestHash(), base, seen, candidates);
            bases.put(s.id(), s.manifestHash());
        }
        omni.trace("push: " + candidates.size() + " objects reachable");
        List<ObjectId> all = new ArrayList<>(candidates.keySet());
        List<ObjectId> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i += ProtocolLimits.IDS_PER_REQUEST) {
            missing.addAll(client.missing(all.subList(i, Math.min(all.size(), i + ProtocolLimits.IDS_PER_REQUEST))));
        }
        omni.trace("push: the server lacks " + missing.size());
        long bytes = 0;
        for (ObjectId id : missing) {
            bytes += candidates.get(id);
        }
        progress.start("Pushing", bytes, "B");
        try {
            long sent = upload(missing, candidates);
            return new long[] {missing.size(), bytes, sent, all.size() - missing.size()};
        } finally {
            progress.finish();
        }
    }

    /**
     * Collects the objects under {@code tree} that are not at the same path under {@code base}
     * (whose objects the server has), with their sizes; {@code base} may be null. A tree met
     * before (in this walk or another snapshot's) is not walked again.
     */
    private static void changed(StoreTrees trees, ObjectId tree, ObjectId base, Set<ObjectId> seen, Map<ObjectId, Long> out) {
        if (tree.equals(base) || !seen.add(tree)) {
            return;
        }
        Tree t = trees.tree(tree, "");
        out.put(tree, (long) dev.omni.core.model.TreeCodec.encode(t).length);
        Map<String, TreeEntry> old = new HashMap<>();
        if (base != null) {
            for (TreeEntry e : trees.tree(base, "").entries()) {
                old.put(e.name(), e);
            }
        }
        for (TreeEntry e : t.entries()) {
            TreeEntry o = old.get(e.name());
            if (e.isDir()) {
                changed(trees, e.hash(), o != null && o.isDir() ? o.hash() : null, seen, out);
            } else if (e.isFile() && (o == null || !o.isFile() || !o.hash().equals(e.hash()))) {
                out.putIfAbsent(e.hash(), e.size());
            }
        }
    }

    private long upload(List<ObjectId> ids, Map<ObjectId, Long> sizes) {
        ObjectStore store = omni.objects();
        List<ObjectId> small = new ArrayList<>();
        List<ObjectId> large = new ArrayList<>();
        for (ObjectId id : ids) {
            (sizes.get(id) <= SMALL ? small : large).add(id);
        }
        // Batches in storage order: each batch reads a few neighbouring blocks.
        Map<ObjectId, Long> order = store.storageOrder(small);
        small.sort((a, b) -> Long.compare(order.getOrDefault(a, 0L), order.getOrDefault(b, 0L)));
        List<List<ObjectId>> batches = new ArrayList<>();
        List<ObjectId> cur = new ArrayList<>();
        long curBytes = 0;
        for (ObjectId id : small) {
            if (!cur.isEmpty() && (cur.size() >= ProtocolLimits.BATCH_OBJECTS
                    || curBytes + sizes.get(id) > ProtocolLimits.BATCH_TARGET_BYTES)) {
                batches.add(cur);
                cur = new ArrayList<>();
                curBytes = 0;
            }
            cur.add(id);
            curBytes += sizes.get(id);
        }
        if (!cur.isEmpty()) {
            batches.add(cur);
        }
        LongAdder sent = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<ObjectId> batch : batches) {
                futures.add(pool.submit(() -> sendBatch(batch, sent)));
            }
            for (ObjectId id : large) {
                futures.add(pool.submit(() -> {
                    long size = sizes.get(id);
                    client.putObject(id, size, () -> store.open(id));
                    sent.add(size);
                    progress.advance(size);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(OmniException.Kind.NETWORK, "push interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return sent.sum();
    }

    private Void sendBatch(List<ObjectId> batch, LongAdder sent) {
        Map<ObjectId, byte[]> data = new HashMap<>();
        omni.objects().readEach(batch, (id, d) -> {
            byte[] b = d.bytesOrNull();
            data.put(id, b != null ? b : readAll(d));
        });
        List<byte[]> bodies = new ArrayList<>(batch.size());
        long bytes = 0;
        for (ObjectId id : batch) {
            byte[] b = data.get(id);
            if (b == null) {
                throw new dev.omni.core.objects.MissingObjectException(id);
            }
            bodies.add(b);
            bytes += b.length;
        }
        List<ObjectId> rejected = client.batch(batch, bodies, sent);
        if (!rejected.isEmpty()) {
            throw new OmniException(OmniException.Kind.CORRUPT, OmniException.Reason.DAMAGED_OBJECTS, "the server found "
                    + rejected.size() + " objects that do not match their ids, e.g. " + rejected.get(0));
        }
        progress.advance(bytes);
        return null;
    }

    private static byte[] readAll(ObjectStore.ObjectData d) {
        try (var in = d.stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putSnapshot(Snapshot s) {
        client.putSnapshot(s.id().value(), new SnapshotRequest(s.projectId(), s.workspaceId(), s.manifestHash().hex(),
                s.parents().stream().map(SnapshotId::value).toList(), s.message(), s.source(), s.author(),
                Times.format(s.createdAt()), s.files(), s.bytes()));
        state.addSnapshot(s.id());
    }

    /**
     * Moves the workspace's head on the server. When someone else moved it, and their head is in
     * this head's history, this is a fast-forward and goes ahead; otherwise nothing is overwritten.
     */
    private SyncState.Head moveHead(Workspace ws, SnapshotId head) {
        long expected = state.head(ws.id()).map(SyncState.Head::version).orElse(0L);
        long version;
        try {
            version = client.moveHead(ws.id(), head.value(), expected);
        } catch (ServerClient.StaleHead stale) {
            String theirs = stale.snapshotId();
            boolean ours = theirs == null || (SnapshotId.isValid(theirs)
                    && snapshots.ancestors(head).contains(new SnapshotId(theirs)));
            if (!ours) {
                throw OmniException.conflict(OmniException.Reason.HEAD_MOVED, "workspace '" + ws.name() + "' moved on the server to "
                        + theirs + " (pushed from elsewhere); nothing was overwritten");
            }
            version = client.moveHead(ws.id(), head.value(), stale.version());
        }
        state.setHead(ws.id(), version, head.value());
        return new SyncState.Head(version, head.value());
    }
}
