package dev.omni.desktop.viewmodel;

import dev.omni.core.Omni;
import dev.omni.core.Warnings;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.DiffService;
import dev.omni.core.model.TreeEntry;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.desktop.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A workspace's history: its snapshot timeline, the file tree of a snapshot, the changes between
 * any two snapshots or a snapshot and the working copy, the diff of one file, and restoring a file
 * or a whole snapshot (after a safety snapshot, as {@code omni restore} does).
 */
public final class HistoryViewModel {
    /** How the diff viewer lays out a file. */
    public enum DiffMode { SIDE_BY_SIDE, UNIFIED }

    static final int TIMELINE_LIMIT = 500;
    static final int CONTEXT = 3;

    private final AppContext app;
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObservableList<SnapshotRow> snapshots = FXCollections.observableArrayList();
    private final ObjectProperty<SnapshotRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<CompareTarget> fromChoices = FXCollections.observableArrayList();
    private final ObservableList<CompareTarget> toChoices = FXCollections.observableArrayList();
    private final ObjectProperty<CompareTarget> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<CompareTarget> to = new SimpleObjectProperty<>(this, "to");
    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    private final ObjectProperty<Change> selectedChange = new SimpleObjectProperty<>(this, "selectedChange");
    private final ReadOnlyObjectWrapper<DiffModel> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ObjectProperty<DiffMode> mode = new SimpleObjectProperty<>(this, "mode", DiffMode.SIDE_BY_SIDE);
    private final BooleanProperty wholeFile = new SimpleBooleanProperty(this, "wholeFile");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<FileNode> files = new ReadOnlyObjectWrapper<>(this, "files");
    private final ObjectProperty<FileNode> selectedFile = new SimpleObjectProperty<>(this, "selectedFile");
    private final ReadOnlyObjectWrapper<DiffModel> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private DiffService.Side sideA;
    private DiffService.Side sideB;
    private boolean choosing;

    public HistoryViewModel(AppContext app) {
        this.app = app;
        selected.addListener((o, was, now) -> {
            if (now != null) {
                showSnapshot(now.snapshot());
            } else {
                files.set(null);
            }
        });
        from.addListener((o, was, now) -> compareIfChosen());
        to.addListener((o, was, now) -> compareIfChosen());
        selectedChange.addListener((o, was, now) -> openDiff(now));
        wholeFile.addListener((o, was, now) -> openDiff(selectedChange.get()));
        selectedFile.addListener((o, was, now) -> openFile(now));
        app.events().listen(this::reload);
    }

    private Omni omni() {
        return app.omni();
    }

    /** Shows {@code w}'s history (null: nothing). */
    public void load(Workspace w) {
        workspace.set(w);
        reload();
    }

    /** Reads the timeline again, keeping the selected snapshot when it is still there. */
    public void reload() {
        Workspace w = workspace.get();
        if (w == null) {
            snapshots.clear();
            changes.clear();
            diff.set(null);
            return;
        }
        String keep = selected.get() == null ? null : selected.get().snapshot().id().value();
        app.tasks().submit(Task.of("Loading the history of " + w.name(), ctx -> {
            SnapshotService snaps = new SnapshotService(omni());
            Workspace fresh = new dev.omni.core.workspace.WorkspaceService(omni()).find(w.id()).orElse(w);
            Instant now = omni().now();
            List<Snapshot> log = snaps.log(fresh, TIMELINE_LIMIT);
            java.util.Map<dev.omni.core.model.SnapshotId, List<dev.omni.core.agent.Turn>> turns =
                    new dev.omni.core.agent.AgentTurns(omni()).ofSnapshots(log.stream().map(Snapshot::id).toList());
            List<SnapshotRow> rows = new ArrayList<>();
            for (Snapshot s : log) {
                rows.add(SnapshotRow.of(s, now, turns.getOrDefault(s.id(), List.of())));
            }
            return rows;
        }).key("history").onSuccess(rows -> {
            snapshots.setAll(rows);
            List<CompareTarget> targets = new ArrayList<>();
            rows.forEach(r -> targets.add(CompareTarget.of(r.snapshot())));
            choosing = true;
            fromChoices.setAll(targets);
            fromChoices.add(CompareTarget.EMPTY);
            toChoices.setAll(targets);
            if (local(w)) {
                toChoices.add(0, CompareTarget.WORKING_COPY);
            }
            choosing = false;
            SnapshotRow pick = rows.stream().filter(r -> r.snapshot().id().value().equals(keep)).findFirst()
                    .orElse(rows.isEmpty() ? null : rows.get(0));
            if (pick != null && pick.equals(selected.get())) {
                showSnapshot(pick.snapshot());
            } else {
                selected.set(pick);
            }
            if (pick == null) {
                changes.clear();
                files.set(null);
                diff.set(null);
                summary.set(rows.isEmpty() ? "No snapshots yet." : "");
            }
        }));
    }

    private static boolean local(Workspace w) {
        return w.localPath() != null && java.nio.file.Files.isDirectory(w.localPath());
    }

    /** A snapshot chosen in the timeline: its changes against its first parent, and its files. */
    private void showSnapshot(Snapshot s) {
        Snapshot parent = null;
        if (!s.parents().isEmpty()) {
            parent = snapshots.stream().map(SnapshotRow::snapshot).filter(x -> x.id().equals(s.parents().get(0))).findFirst()
                    .orElse(null);
        }
        choose(parent == null && !s.parents().isEmpty() ? null : CompareTarget.of(parent), CompareTarget.of(s));
        if (parent == null && !s.parents().isEmpty()) {
            SnapshotService snaps = new SnapshotService(omni());
            app.tasks().submit(Task.of("Reading the parent snapshot", ctx -> snaps.get(s.parents().get(0)))
                    .onSuccess(p -> choose(CompareTarget.of(p), CompareTarget.of(s))));
        }
        app.tasks().submit(Task.of("Reading the files of " + s.id().abbrev(), ctx -> FileNode.of(new SnapshotService(omni()).files(s)))
                .key("files").onSuccess(files::set));
    }

    /** Compares the chosen snapshot with the working copy. */
    public void compareWithWorkingCopy() {
        SnapshotRow s = selected.get();
        Workspace w = workspace.get();
        if (s == null || w == null) {
            return;
        }
        if (!local(w)) {
            app.notifications().error("Workspace '" + w.name() + "' has no working copy on this machine.");
            return;
        }
        choose(CompareTarget.of(s.snapshot()), CompareTarget.WORKING_COPY);
    }

    /** Sets both sides and compares once. */
    public void choose(CompareTarget a, CompareTarget b) {
        choosing = true;
        if (a != null && a.kind() == CompareTarget.Kind.SNAPSHOT && !fromChoices.contains(a)) {
            fromChoices.add(a);
        }
        from.set(a);
        to.set(b);
        choosing = false;
        compareIfChosen();
    }

    private void compareIfChosen() {
        if (!choosing && from.get() != null && to.get() != null) {
            compare(from.get(), to.get());
        }
    }

    /** The result of a comparison: its two sides and their changes. */
    private record Compared(DiffService.Side a, DiffService.Side b, List<Change> changes) {
    }

    private void compare(CompareTarget a, CompareTarget b) {
        Workspace w = workspace.get();
        app.tasks().submit(Task.of("Comparing " + a + " with " + b, ctx -> {
            DiffService d = new DiffService(omni());
            DiffService.Side sa = side(d, a, w, ctx.progress());
            DiffService.Side sb = side(d, b, w, ctx.progress());
            return new Compared(sa, sb, d.changes(sa, sb, null));
        }).key("compare").onSuccess(c -> {
            sideA = c.a();
            sideB = c.b();
            Change keep = selectedChange.get();
            changes.setAll(c.changes());
            long add = c.changes().stream().filter(x -> x.kind() == Change.Kind.ADDED).count();
            long mod = c.changes().stream().filter(x -> x.kind() == Change.Kind.MODIFIED).count();
            long del = c.changes().stream().filter(x -> x.kind() == Change.Kind.DELETED).count();
            summary.set(c.changes().isEmpty() ? "No differences." : c.changes().size() + " changed: " + add + " added, " + mod
                    + " modified, " + del + " deleted");
            Change pick = keep == null ? null : c.changes().stream().filter(x -> x.path().equals(keep.path())).findFirst().orElse(null);
            if (pick == null && !c.changes().isEmpty()) {
                pick = c.changes().get(0);
            }
            if (pick != null && pick.equals(selectedChange.get())) {
                openDiff(pick);
            } else {
                selectedChange.set(pick);
            }
            if (pick == null) {
                diff.set(null);
            }
        }));
    }

    private DiffService.Side side(DiffService d, CompareTarget t, Workspace w, dev.omni.core.Progress progress) {
        return switch (t.kind()) {
            case EMPTY -> d.emptySide();
            case SNAPSHOT -> d.snapshotSide(t.snapshot().manifestHash());
            case WORKING_COPY -> d.workingSide(w, Warnings.IGNORE, progress);
        };
    }

    private void openDiff(Change c) {
        if (c == null || sideA == null) {
            diff.set(null);
            return;
        }
        DiffService.Side a = sideA;
        DiffService.Side b = sideB;
        int context = wholeFile.get() ? Integer.MAX_VALUE : CONTEXT;
        app.tasks().submit(Task.of("Diffing " + c.path(), ctx -> layout(new DiffService(omni()), c, a, b, context))
                .key("diff").onSuccess(diff::set));
    }

    static DiffModel layout(DiffService d, Change c, DiffService.Side a, DiffService.Side b, int context) {
        TreeEntry x = c.before();
        TreeEntry y = c.after();
        if ((x != null && x.isSymlink()) || (y != null && y.isSymlink())) {
            return DiffModel.message(c.path(), "Symbolic link: " + (x != null && x.isSymlink() ? "→ " + x.target() : "(none)") + "  ⇒  "
                    + (y != null && y.isSymlink() ? "→ " + y.target() : "(none)"));
        }
        if ((x != null && x.isDir()) || (y != null && y.isDir())) {
            return DiffModel.message(c.path(), c.kind() == Change.Kind.ADDED ? "Empty directory added." : "Empty directory removed.");
        }
        if (c.modeOnly()) {
            return DiffModel.message(c.path(), "Only the executable bit changed (" + x.modeString() + " → " + y.modeString() + ").");
        }
        if ((x != null && x.size() > DiffService.MAX_TEXT) || (y != null && y.size() > DiffService.MAX_TEXT)) {
            return DiffModel.message(c.path(), "The file is too large to compare line by line.");
        }
        byte[] da = x == null ? null : d.read(a, c.path(), x);
        byte[] db = y == null ? null : d.read(b, c.path(), y);
        return DiffModel.of(c.path(), da, db, context);
    }

    private void openFile(FileNode n) {
        if (n == null || n.entry() == null || !n.entry().isFile()) {
            preview.set(n == null || n.entry() == null ? null : DiffModel.message(n.path(), n.entry().isSymlink()
                    ? "Symbolic link → " + n.entry().target() : "Directory."));
            return;
        }
        TreeEntry e = n.entry();
        if (e.size() > DiffService.MAX_TEXT) {
            preview.set(DiffModel.message(n.path(), "The file is too large to show."));
            return;
        }
        DiffService d = new DiffService(omni());
        app.tasks().submit(Task.of("Reading " + n.path(), ctx -> DiffModel.whole(n.path(), d.read(d.emptySide(), n.path(), e)))
                .key("preview").onSuccess(preview::set));
    }

    /** Asks, then restores one file of the chosen snapshot into the working copy. */
    public void restoreFile(String path) {
        SnapshotRow s = selected.get();
        if (s == null || path == null) {
            app.notifications().error("Choose a snapshot and a file first.");
            return;
        }
        confirmRestore(s.snapshot(), List.of(path), "Restore " + path + "?",
                "This puts " + path + " back as it was in snapshot " + s.id() + ".");
    }

    /** Asks, then makes the whole working copy equal to the chosen snapshot. */
    public void restoreSnapshot() {
        SnapshotRow s = selected.get();
        if (s == null) {
            app.notifications().error("Choose a snapshot first.");
            return;
        }
        confirmRestore(s.snapshot(), List.of(), "Restore snapshot " + s.id() + "?",
                "This makes the working copy exactly as it was in snapshot " + s.id() + " (" + s.message() + ").");
    }

    private void confirmRestore(Snapshot snap, List<String> paths, String title, String what) {
        Workspace w = workspace.get();
        if (w == null || !local(w)) {
            app.notifications().error("This workspace has no working copy on this machine to restore into.");
            return;
        }
        app.dialogs().confirm(new Confirmation(title, what + "\n\nomni first takes a safety snapshot of the working copy, so nothing"
                + " is lost: restoring that safety snapshot undoes this.", "Restore", true, () -> restore(w, snap, paths)));
    }

    private void restore(Workspace w, Snapshot snap, List<String> paths) {
        List<String> warnings = new ArrayList<>();
        app.tasks().submit(Task.of("Restoring " + (paths.isEmpty() ? snap.id().abbrev() : String.join(", ", paths)), ctx ->
                        new RestoreService(omni()).restoreToWorkspace(w, snap, paths, false, AppContext.SOURCE,
                                ProjectsViewModel.collect(warnings), ctx.progress()))
                .notCancellable().onSuccess(r -> {
                    long written = r.count(RestoreService.Step.Kind.CREATE) + r.count(RestoreService.Step.Kind.UPDATE);
                    long deleted = r.count(RestoreService.Step.Kind.DELETE);
                    app.notifications().success("Restored " + (paths.isEmpty() ? "snapshot " + snap.id().abbrev() : String.join(", ", paths)
                            + " from " + snap.id().abbrev()) + ": " + written + " written, " + deleted + " deleted"
                            + (r.safetySnapshot() == null ? "" : "; safety snapshot " + r.safetySnapshot().abbrev())
                            + (r.movedAside().isEmpty() ? "" : "; moved aside: " + String.join(", ", r.movedAside()))
                            + ProjectsViewModel.warningsText(warnings));
                    app.events().changed();
                }));
    }

    public ObservableList<SnapshotRow> snapshots() {
        return snapshots;
    }

    public ObjectProperty<SnapshotRow> selectedProperty() {
        return selected;
    }

    public ObservableList<CompareTarget> fromChoices() {
        return fromChoices;
    }

    public ObservableList<CompareTarget> toChoices() {
        return toChoices;
    }

    public ObjectProperty<CompareTarget> fromProperty() {
        return from;
    }

    public ObjectProperty<CompareTarget> toProperty() {
        return to;
    }

    public ObservableList<Change> changes() {
        return changes;
    }

    public ObjectProperty<Change> selectedChangeProperty() {
        return selectedChange;
    }

    public ReadOnlyObjectProperty<DiffModel> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ObjectProperty<DiffMode> modeProperty() {
        return mode;
    }

    public void toggleMode() {
        mode.set(mode.get() == DiffMode.SIDE_BY_SIDE ? DiffMode.UNIFIED : DiffMode.SIDE_BY_SIDE);
    }

    public BooleanProperty wholeFileProperty() {
        return wholeFile;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FileNode> filesProperty() {
        return files.getReadOnlyProperty();
    }

    public ObjectProperty<FileNode> selectedFileProperty() {
        return selectedFile;
    }

    public ReadOnlyObjectProperty<DiffModel> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Chooses the snapshot whose id starts with {@code prefix} (as shown, e.g. "01JD3…"). */
    public void select(String prefix) {
        snapshots.stream().filter(r -> r.snapshot().id().value().contains(prefix) || r.message().equals(prefix)).findFirst()
                .ifPresent(selected::set);
    }
}
