package dev.omni.core.maintenance;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.objects.ObjectStore;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Deletes objects that no snapshot reaches. Holds the store lock exclusively, so no snapshot,
 * restore, import or merge runs meanwhile; refuses to run when a snapshot's trees cannot be read,
 * since it could not know what they reach.
 */
public final class GcService {
    private final Omni omni;

    public GcService(Omni omni) {
        this.omni = omni;
    }

    public ObjectStore.Collected collect(boolean dryRun, String actor, Progress progress) {
        try (ProcessLocks.Held xl = omni.storeExclusive()) {
            Map<SnapshotId, ObjectId> roots = new SnapshotService(omni).allManifests();
            Set<ObjectId> treeIds = new java.util.HashSet<>();
            Set<ObjectId> live = Reachability.walk(new StoreTrees(omni.objects()), roots, (snap, e) -> {
                throw new OmniException(OmniException.Kind.CORRUPT, OmniException.Reason.DAMAGED_OBJECTS, "gc stopped: " + snap
                        + " cannot be read (" + e.getMessage() + ")");
            }, treeIds);
            ObjectStore.Collected r = omni.objects().collect(live, treeIds, dryRun, progress);
            if (!dryRun) {
                // Stat caches only ever name objects of committed snapshots, but after deleting objects
                // the safe choice is to let the next scan hash again.
                for (Workspace w : new WorkspaceService(omni).workspaces(null)) {
                    StatCache.delete(omni.statCacheFile(w.id()));
                }
                new ActivityService(omni).record(null, null, "gc.completed", actor, null,
                        "deleted " + r.deadObjects() + " unreachable objects",
                        Json.write(Map.of("dead_objects", r.deadObjects(), "dead_bytes", r.deadBytes(),
                                "packs_rewritten", r.packsRewritten(), "disk_before", r.diskBefore(),
                                "disk_after", r.diskAfter())), omni.now());
                omni.db().checkpoint();
            }
            return r;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "gc failed: " + e.getMessage(), e);
        }
    }

}
