package dev.omni.core.merge;

import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import java.time.Instant;
import java.util.List;

/**
 * A merge that has not finished: {@code applying} while the working copy is being rewritten (an
 * interrupted merge stays in this phase), {@code resolving} while conflicts wait for the user.
 */
public record MergeState(String workspaceId, String phase, String theirWorkspaceId, SnapshotId theirSnapshot,
                         SnapshotId oursSnapshot, SnapshotId baseSnapshot, ObjectId mergedTree, TreeMerge.Strategy strategy,
                         List<TreeMerge.Conflict> conflicts, Instant startedAt) {
    public static final String APPLYING = "applying";
    public static final String RESOLVING = "resolving";

    public MergeState {
        conflicts = List.copyOf(conflicts);
    }

    public MergeState withPhase(String p) {
        return new MergeState(workspaceId, p, theirWorkspaceId, theirSnapshot, oursSnapshot, baseSnapshot, mergedTree, strategy,
                conflicts, startedAt);
    }
}
