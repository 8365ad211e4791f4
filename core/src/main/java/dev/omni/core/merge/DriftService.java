package dev.omni.core.merge;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.activity.ActivityService;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.TreeDiff;
import dev.omni.core.model.ObjectId;
import dev.omni.core.model.PathRules;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.store.Database;
import dev.omni.core.tree.StatCache;
import dev.omni.core.tree.StoreTrees;
import dev.omni.core.tree.TreeSource;
import dev.omni.core.tree.WorkTree;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How two workspaces of a project differ: from their merge base in the snapshot DAG, what each
 * side changed, what both changed alike, and what both changed differently, with whether those
 * line changes overlap (a real conflict) or would merge cleanly. Every report is stored.
 */
public final class DriftService {
    private final Omni omni;

    public DriftService(Omni omni) {
        this.omni = omni;
    }

    /** A drift report. Counts cover both sides' changes since the base; a path changed on both counts once. */
    public record Report(String id, Workspace ours, Workspace theirs, SnapshotId oursSnapshot, SnapshotId theirsSnapshot,
                         SnapshotId base, boolean dirty, List<String> oursOnly, List<String> theirsOnly, List<String> bothSame,
                         List<String> bothDifferent, List<String> conflicts, long added, long modified, long deleted,
                         long bytesChanged, Instant reportedAt) {
        /** The two sides hold different trees. */
        public boolean drifted() {
            return !oursOnly.isEmpty() || !theirsOnly.isEmpty() || !bothDifferent.isEmpty();
        }
    }

    /** Computes the drift report and stores it (in {@code drift_reports} and the activity log). */
    public Report drift(Workspace ours, Workspace theirs, boolean includeDirty, String actor, Warnings warnings, Progress progress) {
        Report report = compute(ours, theirs, includeDirty, warnings, progress);
        save(report, actor);
        return report;
    }

    /**
     * Computes the drift report without storing it: for views that show drift often (the desktop
     * app's badges), which would otherwise fill the activity log with reports nobody asked for.
     */
    public Report compute(Workspace ours, Workspace theirs, boolean includeDirty, Warnings warnings, Progress progress) {
        if (theirs.id().equals(ours.id())) {
            throw OmniException.invalid("a workspace does not drift from itself; name another one");
        }
        if (theirs.currentSnapshot() == null) {
            throw OmniException.notFound("workspace '" + theirs.name() + "' has no snapshot yet");
        }
        SnapshotService snaps = new SnapshotService(omni);
        StoreTrees stored = new StoreTrees(omni.objects());
        TreeSource trees = stored;
        ObjectId oursTree;
        boolean dirty = false;
        WorkTree work = null;
        if (includeDirty && ours.localPath() != null && Files.isDirectory(ours.localPath())) {
            work = snaps.scan(ours.localPath(), StatCache.load(omni.statCacheFile(ours.id())), null, warnings, progress);
            oursTree = work.root();
            trees = stored.with(work);
            dirty = ours.currentSnapshot() == null || !snaps.get(ours.currentSnapshot()).manifestHash().equals(oursTree);
        } else if (ours.currentSnapshot() != null) {
            oursTree = snaps.get(ours.currentSnapshot()).manifestHash();
        } else {
            throw OmniException.notFound("workspace '" + ours.name() + "' has no snapshot yet");
        }
        ObjectId theirsTree = snaps.get(theirs.currentSnapshot()).manifestHash();
        SnapshotId base = ours.currentSnapshot() == null ? null
                : snaps.mergeBase(ours.currentSnapshot(), theirs.currentSnapshot()).orElse(null);
        ObjectId baseTree = base == null ? null : snaps.get(base).manifestHash();

        TreeMerge merge = new TreeMerge(omni.objects(), trees, null, TreeMerge.Strategy.MANUAL, "ours", "theirs");
        if (work != null) {
            merge.readingOursFrom(ours.localPath());
        }
        TreeMerge.Result r = merge.merge(baseTree, oursTree, theirsTree);
        List<String> oursOnly = new ArrayList<>();
        List<String> theirsOnly = new ArrayList<>();
        List<String> same = new ArrayList<>();
        List<String> different = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        r.changes().forEach((path, outcome) -> {
            switch (outcome) {
                case ONLY_OURS -> oursOnly.add(path);
                case ONLY_THEIRS -> theirsOnly.add(path);
                case BOTH_SAME -> same.add(path);
                case BOTH_MERGED -> different.add(path);
                case BOTH_CONFLICT -> {
                    different.add(path);
                    conflicts.add(path);
                }
                default -> throw new IllegalStateException();
            }
        });
        long[] counts = count(trees, baseTree, oursTree, theirsTree);
        Report report = new Report(omni.newId(), ours, theirs, ours.currentSnapshot(), theirs.currentSnapshot(), base, dirty,
                oursOnly, theirsOnly, same, different, conflicts, counts[0], counts[1], counts[2], counts[3], omni.now());
        return report;
    }

    /** Added, modified, deleted and bytes changed over both sides' changes since the base. */
    private static long[] count(TreeSource trees, ObjectId base, ObjectId ours, ObjectId theirs) {
        Map<String, Change> byPath = new TreeMap<>(PathRules.UTF8_ORDER);
        for (Change c : new TreeDiff(trees, trees, null).compare(base, theirs)) {
            byPath.put(c.path(), c);
        }
        for (Change c : new TreeDiff(trees, trees, null).compare(base, ours)) {
            byPath.put(c.path(), c);
        }
        long[] n = new long[4];
        for (Change c : byPath.values()) {
            switch (c.kind()) {
                case ADDED -> {
                    n[0]++;
                    n[3] += c.after().size();
                }
                case MODIFIED -> {
                    n[1]++;
                    n[3] += c.after().size();
                }
                case DELETED -> {
                    n[2]++;
                    n[3] += c.before().size();
                }
                default -> throw new IllegalStateException();
            }
        }
        return n;
    }

    private void save(Report r, String actor) {
        String summary = r.oursOnly().size() + " only here, " + r.theirsOnly().size() + " only in '" + r.theirs().name() + "', "
                + r.bothDifferent().size() + " changed on both (" + r.conflicts().size() + " conflicting)";
        omni.db().write(c -> {
            Database.update(c, "INSERT INTO drift_reports(id, workspace_id, source_workspace_id, workspace_snapshot_id,"
                            + " source_snapshot_id, base_snapshot_id, dirty, source_only, workspace_only, both_same, both_different,"
                            + " conflicts, files_added, files_modified, files_deleted, bytes_changed, summary, reported_at)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    r.id(), r.ours().id(), r.theirs().id(), str(r.oursSnapshot()), str(r.theirsSnapshot()), str(r.base()),
                    r.dirty() ? 1 : 0, Json.write(r.theirsOnly()), Json.write(r.oursOnly()), Json.write(r.bothSame()),
                    Json.write(r.bothDifferent()), Json.write(r.conflicts()), r.added(), r.modified(), r.deleted(),
                    r.bytesChanged(), summary, Times.format(r.reportedAt()));
            new ActivityService(omni).record(r.ours().projectId(), r.ours().id(), "drift.reported", actor,
                    str(r.oursSnapshot()), "drift from '" + r.theirs().name() + "': " + summary,
                    Json.write(Map.of("report", r.id(), "conflicts", r.conflicts().size())), r.reportedAt());
            return null;
        });
    }

    private static String str(SnapshotId s) {
        return s == null ? null : s.value();
    }
}
