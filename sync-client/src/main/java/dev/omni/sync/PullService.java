package dev.omni.sync;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.Hashing;
import dev.omni.core.model.MalformedTreeException;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.model.Tree;
import dev.omni.core.model.TreeCodec;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.objects.PackFormat;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.sync.RemoteWorkspace;
import dev.omni.core.sync.SyncState;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.sync.client.ServerClient;
import dev.omni.wire.SnapshotPage;
import dev.omni.wire.SnapshotView;
import dev.omni.wire.WorkspaceView;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings a project's other workspaces, snapshots and objects from the server into the local store,
 * so that drift and merge work across machines. Every object is checked against its id before it
 * is stored, and every tree against the canonical format; a snapshot and everything it reaches
 * become visible together, in one transaction.
 */
public final class PullService {
    static final int DOWNLOADERS = 4;

    private final Omni omni;
    private final ServerClient client;
    private final SyncState state;
    private final Progress progress;

    public PullService(Omni omni, ServerClient client, Progress progress) {
        this.omni = omni;
        this.client = client;
        this.state = new SyncState(omni, client.server().toString());
        this.progress = progress;
    }

    /** What a pull brought. */
    public record Result(int workspaces, int snapshots, long objects, long bytes, long millis) {
    }

    public Result pull(Project project) {
        long start = System.nanoTime();
        try (ProcessLocks.Held sl = omni.storeShared()) {
            List<RemoteWorkspace> remote = remoteWorkspaces(project, client.workspaces(project.id()));
            int added = state.adoptWorkspaces(project, remote);
            long[] got = new long[3];
            String cursorName = "snapshots:" + project.id();
            String cursor = state.cursor(cursorName);
            progress.start("Pulling", -1, "snapshots");
            try {
                while (true) {
                    SnapshotPage page = client.snapshots(project.id(), cursor, 200);
                    for (SnapshotView s : page.snapshots()) {
                        fetch(s, got);
                        progress.advance(1);
                    }
                    cursor = page.nextCursor();
                    if (cursor != null) {
                        state.setCursor(cursorName, cursor);
                    }
                    if (!page.hasMore()) {
                        break;
                    }
                }
            } finally {
                progress.finish();
            }
            state.followHeads(remote);
            return new Result(added, (int) got[0], got[1], got[2], (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The server's workspaces of {@code project}, as core knows them. */
    static List<RemoteWorkspace> remoteWorkspaces(Project project, List<WorkspaceView> remote) {
        List<RemoteWorkspace> out = new ArrayList<>();
        for (WorkspaceView w : remote) {
            out.add(new RemoteWorkspace(w.id(), project.id(), w.name(), w.machineId(), Times.parse(w.lastSeenAt()),
                    Times.parse(w.createdAt()), w.currentSnapshotId(), w.baseSnapshotId(), w.version()));
        }
        return out;
    }

    /** Downloads what a snapshot reaches that is not here, then records it; counts into {@code got}. */
    private void fetch(SnapshotView s, long[] got) {
        SnapshotId id = new SnapshotId(s.id());
        if (new SnapshotService(omni).exists(id)) {
            state.addSnapshot(id);
            return;
        }
        ObjectId root = ObjectId.parse(s.manifestHash());
        List<SnapshotId> parents = new ArrayList<>();
        if (s.parents() != null) {
            s.parents().forEach(p -> parents.add(new SnapshotId(p)));
        }
        Snapshot snap = new Snapshot(id, s.projectId(), s.workspaceId(), root, parents,
                s.source() != null ? s.source() : "cli", s.message(), s.author(),
                Times.parse(s.createdAt()), s.files(), s.bytes(), null, null);
        try (ObjectInserter ins = omni.objects().newInserter()) {
            long[] counts = fetchTree(root, ins);
            ins.flush();
            state.importSnapshot(snap, ins);
            got[0]++;
            got[1] += counts[0];
            got[2] += counts[1];
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot store pulled objects: " + e.getMessage(), e);
        }
    }

    /** Fetches the trees under {@code root} level by level, then the files; returns objects and bytes fetched. */
    private long[] fetchTree(ObjectId root, ObjectInserter ins) {
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<ObjectId> level = List.of(root);
        Set<ObjectId> blobs = new HashSet<>();
        java.util.Map<ObjectId, Long> sizes = new java.util.HashMap<>();
        while (!level.isEmpty()) {
            List<ObjectId> need = absent(level, ins);
            List<Tree> got = parallel(need, id -> {
                byte[] b = download(id, Long.MAX_VALUE);
                Tree t;
                try {
                    t = TreeCodec.decode(b);
                } catch (MalformedTreeException e) {
                    throw OmniException.corrupt("the server sent tree " + id.abbrev() + " that is not a canonical tree: " + e.getMessage());
                }
                ins.insertTree(id, b);
                objects.incrementAndGet();
                bytes.addAndGet(b.length);
                return t;
            });
            List<ObjectId> next = new ArrayList<>();
            for (Tree t : got) {
                for (TreeEntry e : t.entries()) {
                    if (e.isDir()) {
                        next.add(e.hash());
                    } else if (e.isFile() && blobs.add(e.hash())) {
                        sizes.put(e.hash(), e.size());
                    }
                }
            }
            level = next;
        }
        parallel(absent(new ArrayList<>(blobs), ins), id -> {
            long size = sizes.get(id);
            if (size > PackFormat.LOOSE_MIN) {
                try (InputStream in = client.getObject(id)) {
                    ObjectInserter.Inserted r = ins.insertStream(in);
                    if (!r.id().equals(id)) {
                        throw OmniException.corrupt("the server's object " + id.abbrev() + " does not match its id");
                    }
                } catch (IOException e) {
                    throw new OmniException(OmniException.Kind.NETWORK, "download of " + id.abbrev() + " broke off: " + e.getMessage(), e);
                }
            } else {
                byte[] b = download(id, size);
                ins.insert(id, b, 0, b.length);
            }
            objects.incrementAndGet();
            bytes.addAndGet(size);
            return null;
        });
        return new long[] {objects.get(), bytes.get()};
    }

    private List<ObjectId> absent(List<ObjectId> ids, ObjectInserter ins) {
        Set<ObjectId> here = omni.objects().containsAll(ids);
        List<ObjectId> out = new ArrayList<>();
        for (ObjectId id : ids) {
            if (!here.contains(id) && !ins.has(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private byte[] download(ObjectId id, long expected) {
        try (InputStream in = client.getObject(id)) {
            byte[] b = in.readAllBytes();
            if (!Hashing.sha256(b).equals(id) || (expected != Long.MAX_VALUE && b.length != expected)) {
                throw OmniException.corrupt("the server's object " + id.abbrev() + " does not match its id; nothing was stored");
            }
            return b;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.NETWORK, "download of " + id.abbrev() + " broke off: " + e.getMessage(), e);
        }
    }

    /** A task on one object. */
    private interface Task<T> {
        T run(ObjectId id);
    }

    private <T> List<T> parallel(List<ObjectId> ids, Task<T> task) {
        List<T> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DOWNLOADERS, ids.size()));
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (ObjectId id : ids) {
                fs.add(pool.submit(() -> task.run(id)));
            }
            for (Future<T> f : fs) {
                T t = f.get();
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(OmniException.Kind.NETWORK, "pull interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Updates this working copy from its own head on the server (after a safety snapshot): what
     * another machine pushed for this same workspace becomes the working copy and the head.
     */
    public SnapshotId restoreFromServer(Workspace ws, Warnings warnings, Progress progress) {
        SyncState.Head head = state.head(ws.id()).orElseThrow(() ->
                OmniException.notFound(OmniException.Reason.NOT_ON_SERVER, "workspace '" + ws.name() + "' is not on the server"));
        if (head.snapshot() == null) {
            throw OmniException.notFound("workspace '" + ws.name() + "' has no head on the server");
        }
        SnapshotId target = new SnapshotId(head.snapshot());
        if (target.equals(ws.currentSnapshot())) {
            return target;
        }
        SnapshotService snaps = new SnapshotService(omni);
        try (ProcessLocks.Held wl = omni.workspaceLock(ws.id()); ProcessLocks.Held sl = omni.storeShared()) {
            SnapshotService.Taken safety = snaps.takeLocked(ws, SnapshotService.Options.of(
                    "safety snapshot before updating from the server", "cli"), warnings, Progress.NONE);
            new RestoreService(omni).materializeLocked(ws, snaps.get(target), safety.work(), warnings, progress);
            new WorkspaceService(omni).setHead(ws.id(), target, omni.now());
        }
        return target;
    }
}
