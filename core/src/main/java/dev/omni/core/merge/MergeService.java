package dev.omni.core.merge;

import dev.omni.core.Omni;
import dev.omni.core.OmniException.Reason;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.home.ProcessLocks;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.objects.ObjectInserter;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.util.Json;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merging another workspace into this one: first a snapshot of the current state (nothing is ever
 * lost), then the other side's changes, line-merged where both changed; conflicts wait for
 * {@link #continueMerge} or {@link #abort}. A merge interrupted while rewriting files is finished
 * by either of them.
 */
public final class MergeService {
    private final Omni omni;

    public MergeService(Omni omni) {
        this.omni = omni;
    }

    /** How a merge ended. */
    public enum Kind { UP_TO_DATE, FAST_FORWARD, MERGED, CONFLICTS, DRY_RUN, ABORTED }

    /** What a merge did (or, for a dry run, would do). */
    public record Outcome(Kind kind, SnapshotId snapshot, SnapshotId safety, SnapshotId base, SnapshotId theirs,
                          TreeMerge.Result result, List<String> movedAside) {
    }

    public Optional<MergeState> state(Workspace ws) {
        return omni.db().read(c -> MergeStates.find(c, ws.id()));
    }

    public Outcome merge(Workspace ws, Workspace theirs, TreeMerge.Strategy strategy, boolean dryRun, String actor,
                         Warnings warnings, Progress progress) {
        if (theirs.id().equals(ws.id())) {
            throw OmniException.invalid("cannot merge workspace '" + ws.name() + "' into itself");
        }
        if (!theirs.projectId().equals(ws.projectId())) {
            throw OmniException.invalid("workspace '" + theirs.name() + "' belongs to another project");
        }
        if (theirs.currentSnapshot() == null) {
            throw OmniException.notFound("workspace '" + theirs.name() + "' has no snapshot yet");
        }
        if (state(ws).isPresent()) {
            throw OmniException.conflict(Reason.MERGE_IN_PROGRESS, "a merge is already in progress");
        }
        if (dryRun) {
            return dryRun(ws, theirs, strategy, warnings, progress);
        }
        SnapshotService snaps = new SnapshotService(omni);
        try (ProcessLocks.Held wl = omni.workspaceLock(ws.id()); ProcessLocks.Held sl = omni.storeShared()) {
            SnapshotService.Taken safety = snaps.takeLocked(ws, SnapshotService.Options.of(
                    "safety snapshot before merging '" + theirs.name() + "'", actor), warnings, Progress.NONE);
            Workspace w = reload(ws);
            Workspace t = reload(theirs);
            SnapshotId ours = w.currentSnapshot();
            SnapshotId their = t.currentSnapshot();
            SnapshotId safetyId = safety.recorded() ? safety.snapshot().id() : null;
            SnapshotId base = snaps.mergeBase(ours, their).orElse(null);
            if (their.equals(base)) {
                return new Outcome(Kind.UP_TO_DATE, ours, safetyId, base, their, null, List.of());
            }
            RestoreService restore = new RestoreService(omni);
            if (ours.equals(base)) {
                List<String> aside = restore.materializeLocked(w, snaps.get(their), safety.work(), warnings, progress);
                omni.db().transaction(() -> {
                    new WorkspaceService(omni).setHead(w.id(), their, omni.now());
                    remember(w, t, their, "fast-forward", actor);
                    return null;
                });
                return new Outcome(Kind.FAST_FORWARD, their, safetyId, base, their, null, aside);
            }
            TreeMerge.Result result = mergeTrees(w, t, base, snaps.get(ours).manifestHash(), snaps.get(their).manifestHash(),
                    strategy, null);
            MergeState st = new MergeState(w.id(), MergeState.APPLYING, t.id(), their, ours, base, result.tree(), strategy,
                    result.conflicts(), omni.now());
            omni.db().write(c -> {
                MergeStates.save(c, st);
                return null;
            });
            omni.testPause("merge.applying");
            List<String> aside = restore.materializeLocked(w, result.tree(), safety.work(), warnings, progress);
            if (result.clean()) {
                SnapshotId merged = commit(w, t, st, actor, warnings);
                return new Outcome(Kind.MERGED, merged, safetyId, base, their, result, aside);
            }
            omni.db().write(c -> {
                MergeStates.save(c, st.withPhase(MergeState.RESOLVING));
                new ActivityService(omni).record(w.projectId(), w.id(), "merge.conflicts", actor, null,
                        "merging '" + t.name() + "' stopped with " + result.conflicts().size() + " conflicts",
                        Json.write(Map.of("their_snapshot", their.value(), "conflicts", result.conflicts().size())), omni.now());
                return null;
            });
            return new Outcome(Kind.CONFLICTS, null, safetyId, base, their, result, aside);
        }
    }

    /** Merges the trees, storing the new blobs and trees; {@code oursDir} reads ours from disk when not stored. */
    private TreeMerge.Result mergeTrees(Workspace ours, Workspace theirs, SnapshotId base, ObjectId oursTree, ObjectId theirsTree,
                                        TreeMerge.Strategy strategy, WorkTree work) {
        StoreTrees stored = new StoreTrees(omni.objects());
        ObjectId baseTree = base == null ? null : new SnapshotService(omni).get(base).manifestHash();
        String oursLabel = "ours (" + ours.name() + ")";
        String theirsLabel = "theirs (" + theirs.name() + ")";
        if (work != null) {
            return new TreeMerge(omni.objects(), stored.with(work), null, strategy, oursLabel, theirsLabel)
                    .readingOursFrom(ours.localPath()).merge(baseTree, oursTree, theirsTree);
        }
        try (ObjectInserter ins = omni.objects().newInserter()) {
            TreeMerge.Result r = new TreeMerge(omni.objects(), stored, ins, strategy, oursLabel, theirsLabel)
                    .merge(baseTree, oursTree, theirsTree);
            ins.flush();
            ins.commit();
            return r;
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot store merged files: " + e.getMessage(), e);
        }
    }

    private Outcome dryRun(Workspace ws, Workspace theirs, TreeMerge.Strategy strategy, Warnings warnings, Progress progress) {
        SnapshotService snaps = new SnapshotService(omni);
        WorkTree work = snaps.scan(ws.localPath(), StatCache.load(omni.statCacheFile(ws.id())), null, warnings, progress);
        SnapshotId ours = ws.currentSnapshot();
        SnapshotId their = theirs.currentSnapshot();
        SnapshotId base = ours == null ? null : snaps.mergeBase(ours, their).orElse(null);
        boolean clean = ours != null && snaps.get(ours).manifestHash().equals(work.root());
        if (their.equals(base)) {
            return new Outcome(Kind.UP_TO_DATE, ours, null, base, their, null, List.of());
        }
        if (clean && ours.equals(base)) {
            return new Outcome(Kind.FAST_FORWARD, their, null, base, their, null, List.of());
        }
        TreeMerge.Result r = mergeTrees(ws, theirs, base, work.root(), snaps.get(their).manifestHash(), strategy, work);
        return new Outcome(Kind.DRY_RUN, null, null, base, their, r, List.of());
    }

    /** Records the merge snapshot (two parents) from the working copy and clears the merge state. */
    private SnapshotId commit(Workspace w, Workspace theirs, MergeState st, String actor, Warnings warnings) {
        SnapshotService.Taken taken = new SnapshotService(omni).takeLocked(w, new SnapshotService.Options(
                "merge of '" + theirs.name() + "'", "merge", true, List.of(st.theirSnapshot())), warnings, Progress.NONE);
        SnapshotId id = taken.snapshot().id();
        omni.db().write(c -> {
            MergeStates.delete(c, w.id());
            remember(w, theirs, st.theirSnapshot(), id.value(), actor);
            return null;
        });
        return id;
    }

    /** Finishes a merge: after the user resolved the conflicts, or after an interruption. */
    public Outcome continueMerge(Workspace ws, String actor, Warnings warnings, Progress progress) {
        MergeState st = state(ws).orElseThrow(() -> OmniException.notFound("no merge in progress in workspace '" + ws.name() + "'"));
        try (ProcessLocks.Held wl = omni.workspaceLock(ws.id()); ProcessLocks.Held sl = omni.storeShared()) {
            Workspace w = reload(ws);
            Workspace theirs = reload(new WorkspaceService(omni).find(st.theirWorkspaceId()).orElseThrow(() ->
                    OmniException.notFound(Reason.MERGED_WORKSPACE_GONE, "the workspace being merged is gone")));
            if (st.phase().equals(MergeState.APPLYING)) {
                // Interrupted while rewriting files: finish writing the merged tree first.
                SnapshotService snaps = new SnapshotService(omni);
                WorkTree work = snaps.scan(w.localPath(), StatCache.load(omni.statCacheFile(w.id())), null, warnings, Progress.NONE);
                new RestoreService(omni).materializeLocked(w, st.mergedTree(), work, warnings, progress);
                if (!st.conflicts().isEmpty()) {
                    omni.db().write(c -> {
                        MergeStates.save(c, st.withPhase(MergeState.RESOLVING));
                        return null;
                    });
                    TreeMerge.Result r = new TreeMerge.Result(st.mergedTree(), st.conflicts(), Map.of());
                    return new Outcome(Kind.CONFLICTS, null, st.oursSnapshot(), st.baseSnapshot(), st.theirSnapshot(), r, List.of());
                }
            } else {
                List<String> unresolved = unresolved(w, st);
                if (!unresolved.isEmpty()) {
                    throw OmniException.conflict(Reason.CONFLICT_MARKERS_LEFT, "these files still have conflict markers: "
                            + String.join(", ", unresolved));
                }
                for (TreeMerge.Conflict k : st.conflicts()) {
                    Path beside = w.localPath().resolve(k.path() + ".theirs");
                    if (Files.exists(beside, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        warnings.warn(k.path() + ".theirs", "is still there and becomes part of the merge; delete it if you are done with it");
                    }
                }
            }
            SnapshotId merged = commit(w, theirs, st, actor, warnings);
            return new Outcome(Kind.MERGED, merged, st.oursSnapshot(), st.baseSnapshot(), st.theirSnapshot(), null, List.of());
        }
    }

    private static List<String> unresolved(Workspace w, MergeState st) {
        List<String> out = new ArrayList<>();
        for (TreeMerge.Conflict k : st.conflicts()) {
            if (k.kind() != TreeMerge.Conflict.Kind.CONTENT) {
                continue;
            }
            try {
                String text = Files.readString(w.localPath().resolve(k.path()), StandardCharsets.UTF_8);
                if (text.contains("\n<<<<<<< ") || text.startsWith("<<<<<<< ")) {
                    out.add(k.path());
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // deleted or unreadable: the user decided otherwise; nothing to check
            }
        }
        return out;
    }

    /**
     * Gives up a merge: the working copy goes back to the snapshot taken before it. What the working
     * copy held when aborting (resolutions in progress) is kept in a snapshot that does not become
     * the head, so even an abort loses nothing.
     */
    public Outcome abort(Workspace ws, String actor, Warnings warnings, Progress progress) {
        MergeState st = state(ws).orElseThrow(() -> OmniException.notFound("no merge in progress in workspace '" + ws.name() + "'"));
        SnapshotService snaps = new SnapshotService(omni);
        try (ProcessLocks.Held wl = omni.workspaceLock(ws.id()); ProcessLocks.Held sl = omni.storeShared()) {
            Workspace w = reload(ws);
            SnapshotService.Taken kept = snaps.takeLocked(w, SnapshotService.Options.of("working copy when a merge was aborted", actor)
                    .detached(), warnings, Progress.NONE);
            new RestoreService(omni).materializeLocked(w, snaps.get(st.oursSnapshot()), kept.work(), warnings, progress);
            omni.db().write(c -> {
                new WorkspaceService(omni).setHead(w.id(), st.oursSnapshot(), omni.now());
                MergeStates.delete(c, w.id());
                new ActivityService(omni).record(w.projectId(), w.id(), "merge.aborted", actor,
                        st.oursSnapshot().value(), "merge aborted; working copy back at " + st.oursSnapshot().abbrev(),
                        Json.write(Map.of("kept_snapshot", kept.snapshot().id().value())), omni.now());
                return null;
            });
            return new Outcome(Kind.ABORTED, st.oursSnapshot(), kept.snapshot().id(), st.baseSnapshot(), st.theirSnapshot(), null,
                    List.of());
        }
    }

    /** Updates the workspace's merge history (per source workspace, the last merged snapshot and when) and the activity log. */
    private void remember(Workspace w, Workspace theirs, SnapshotId their, String result, String actor) {
        new WorkspaceService(omni).rememberMerge(w.id(), theirs.id(), their, omni.now());
        new ActivityService(omni).record(w.projectId(), w.id(), "merge.completed", actor, their.value(),
                "merged '" + theirs.name() + "' (" + their.abbrev() + ")" + (result.equals("fast-forward") ? ", fast-forward" : ""),
                Json.write(Map.of("their_workspace", theirs.id(), "their_snapshot", their.value(), "result", result)), omni.now());
    }

    private Workspace reload(Workspace w) {
        return new WorkspaceService(omni).find(w.id()).orElseThrow(() -> OmniException.notFound("workspace " + w.name() + " is gone"));
    }
}
