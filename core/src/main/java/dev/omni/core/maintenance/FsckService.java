package dev.omni.core.maintenance;

import dev.omni.core.Omni;
import dev.omni.core.Progress;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the store: the database's integrity, every object against its id, every snapshot's trees
 * and files present, every parent and workspace head present.
 */
public final class FsckService {
    private final Omni omni;

    public FsckService(Omni omni) {
        this.omni = omni;
    }

    /** One thing wrong: what kind, what it concerns, and what is wrong with it. */
    public record Problem(String kind, String subject, String detail) {
    }

    /** The outcome: counts, and the problems (none when the store is sound). */
    public record Report(long objects, long snapshots, long unreachable, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report check(Progress progress) {
        try (ProcessLocks.Held sl = omni.storeShared()) {
            List<Problem> problems = new ArrayList<>();
            String integrity = omni.db().quickCheck();
            if (!"ok".equals(integrity)) {
                problems.add(new Problem("database", omni.home().database().toString(), integrity));
            }
            Set<ObjectId> damaged = new HashSet<>();
            long objects = omni.objects().verify(d -> {
                damaged.add(d.id());
                problems.add(new Problem("corrupt-object", d.id().hex(), d.detail()));
            }, progress);
            Map<SnapshotId, ObjectId> roots = new SnapshotService(omni).allManifests();
            StoreTrees trees = new StoreTrees(omni.objects());
            Set<ObjectId> reached = Reachability.walk(trees, roots, (snap, e) -> {
                if (!(e instanceof dev.omni.core.objects.CorruptObjectException ce && damaged.contains(ce.id()))) {
                    problems.add(new Problem(e instanceof dev.omni.core.objects.MissingObjectException ? "missing-tree" : "bad-tree",
                            snap.value(), e.getMessage()));
                }
            });
            Set<ObjectId> present = omni.objects().containsAll(reached);
            for (ObjectId id : reached) {
                if (!present.contains(id)) {
                    problems.add(new Problem("missing-object", id.hex(), "reached by a snapshot but not in the store"));
                }
            }
            checkGraph(roots.keySet(), problems);
            long unreachable = Math.max(0, objects - present.size());
            return new Report(objects, roots.size(), unreachable, problems);
        }
    }

    private void checkGraph(Set<SnapshotId> snapshots, List<Problem> problems) {
        for (SnapshotService.DanglingParent d : new SnapshotService(omni).danglingParents()) {
            problems.add(new Problem("missing-parent", d.snapshot().value(), "parent " + d.parent().value() + " is missing"));
        }
        for (Workspace w : new WorkspaceService(omni).workspaces(null)) {
            if (w.currentSnapshot() != null && !snapshots.contains(w.currentSnapshot())) {
                problems.add(new Problem("missing-head", w.id(), "workspace '" + w.name() + "' points at missing "
                        + w.currentSnapshot()));
            }
        }
    }
}
