package dev.omni.desktop.viewmodel;

import dev.omni.core.Omni;
import dev.omni.core.merge.DriftService;
import dev.omni.core.merge.MergeService;
import dev.omni.core.merge.MergeState;
import dev.omni.core.merge.TreeMerge;
import dev.omni.core.util.Plural;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.desktop.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Drift between the chosen workspace and another (by default the project's main one), with the
 * conflict candidates; a merge of the other into this one, its conflicts, and continuing or
 * aborting it — {@code omni drift} and {@code omni merge} in a window.
 */
public final class DriftViewModel {
    /** One path of the report and how it changed. */
    public record Entry(String path, String how, boolean conflict) {
    }

    private final AppContext app;
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObservableList<Workspace> others = FXCollections.observableArrayList();
    private final ObjectProperty<Workspace> other = new SimpleObjectProperty<>(this, "other");
    private final ObjectProperty<TreeMerge.Strategy> strategy = new SimpleObjectProperty<>(this, "strategy", TreeMerge.Strategy.MANUAL);
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObservableList<String> conflicts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper mergeText = new ReadOnlyStringWrapper(this, "mergeText", "");
    private final ReadOnlyBooleanWrapper merging = new ReadOnlyBooleanWrapper(this, "merging");

    public DriftViewModel(AppContext app) {
        this.app = app;
        other.addListener((o, was, now) -> {
            if (now != null && workspace.get() != null) {
                compute(false);
            }
        });
        app.events().listen(() -> load(workspace.get()));
    }

    private Omni omni() {
        return app.omni();
    }

    /** The workspaces of the project other than {@code w}; main first chosen; the merge state of {@code w}. */
    private record Loaded(List<Workspace> others, Workspace pick, Optional<MergeState> merge) {
    }

    public void load(Workspace w) {
        workspace.set(w);
        entries.clear();
        summary.set("");
        if (w == null) {
            others.clear();
            return;
        }
        String keep = other.get() == null ? null : other.get().id();
        app.tasks().submit(Task.of("Loading workspaces", ctx -> {
            WorkspaceService ws = new WorkspaceService(omni());
            Project p = ws.project(w.projectId());
            List<Workspace> list = new ArrayList<>(ws.workspaces(w.projectId()).stream().filter(x -> !x.id().equals(w.id())).toList());
            Workspace pick = list.stream().filter(x -> x.id().equals(keep)).findFirst()
                    .orElse(list.stream().filter(x -> x.id().equals(p.mainWorkspaceId())).findFirst()
                            .orElse(list.isEmpty() ? null : list.get(0)));
            return new Loaded(list, pick, new MergeService(omni()).state(w));
        }).key("drift-load").onSuccess(l -> {
            others.setAll(l.others());
            showMerge(l.merge().orElse(null));
            if (l.pick() != null && l.pick().equals(other.get())) {
                compute(false);
            } else {
                other.set(l.pick());
            }
            if (l.pick() == null) {
                summary.set("This project has no other workspace to compare with.");
            }
        }));
    }

    /** Computes the drift from the chosen other workspace and records it, as {@code omni drift} does. */
    public void compute() {
        compute(true);
    }

    /** {@code record}: store the report (an explicit request); views that follow the selection only look. */
    private void compute(boolean record) {
        Workspace w = workspace.get();
        Workspace o = other.get();
        if (w == null || o == null) {
            return;
        }
        app.tasks().submit(Task.of("Computing drift from " + o.name(), ctx -> {
            WorkspaceService ws = new WorkspaceService(omni());
            Workspace ours = ws.find(w.id()).orElse(w);
            Workspace theirs = ws.find(o.id()).orElse(o);
            boolean dirty = ours.localPath() != null && java.nio.file.Files.isDirectory(ours.localPath());
            DriftService d = new DriftService(omni());
            return record ? d.drift(ours, theirs, dirty, AppContext.SOURCE, dev.omni.core.Warnings.IGNORE, ctx.progress())
                    : d.compute(ours, theirs, dirty, dev.omni.core.Warnings.IGNORE, ctx.progress());
        }).key("drift").onSuccess(this::show));
    }

    private void show(DriftService.Report r) {
        List<Entry> list = new ArrayList<>();
        r.bothDifferent().forEach(p -> list.add(new Entry(p, r.conflicts().contains(p) ? "conflict: changed on both sides, overlapping"
                : "changed on both sides, merges cleanly", r.conflicts().contains(p))));
        r.oursOnly().forEach(p -> list.add(new Entry(p, "changed only here", false)));
        r.theirsOnly().forEach(p -> list.add(new Entry(p, "changed only in " + r.theirs().name(), false)));
        r.bothSame().forEach(p -> list.add(new Entry(p, "changed the same way on both sides", false)));
        entries.setAll(list);
        if (!r.drifted()) {
            summary.set("'" + r.ours().name() + "' and '" + r.theirs().name() + "' hold the same files.");
        } else {
            summary.set(r.oursOnly().size() + " only here · " + r.theirsOnly().size() + " only in '" + r.theirs().name() + "' · "
                    + r.bothDifferent().size() + " on both sides (" + r.conflicts().size() + " conflicting) · "
                    + r.added() + " added, " + r.modified() + " modified, " + r.deleted() + " deleted"
                    + (r.base() == null ? " · no common base" : " · base " + r.base().abbrev())
                    + (r.dirty() ? " · includes uncommitted changes" : ""));
        }
    }

    /** Asks, then merges the other workspace into this one. */
    public void startMerge() {
        Workspace w = workspace.get();
        Workspace o = other.get();
        if (w == null || o == null) {
            app.notifications().error("Choose the workspace to merge from first.");
            return;
        }
        TreeMerge.Strategy s = strategy.get();
        app.dialogs().confirm(new Confirmation("Merge '" + o.name() + "' into '" + w.name() + "'?",
                "omni first takes a safety snapshot of '" + w.name() + "', so nothing is lost. Then it applies the changes of '"
                        + o.name() + "' and merges files changed on both sides line by line"
                        + (s == TreeMerge.Strategy.MANUAL ? "; overlapping changes get conflict markers for you to resolve."
                        : s == TreeMerge.Strategy.OURS ? "; overlapping changes keep this workspace's side."
                        : "; overlapping changes take the other workspace's side."), "Merge", false, () -> merge(w, o, s)));
    }

    private void merge(Workspace w, Workspace o, TreeMerge.Strategy s) {
        app.tasks().submit(Task.of("Merging " + o.name() + " into " + w.name(), ctx -> {
            WorkspaceService ws = new WorkspaceService(omni());
            MergeService.Outcome out = new MergeService(omni()).merge(ws.find(w.id()).orElse(w), ws.find(o.id()).orElse(o), s, false,
                    AppContext.SOURCE, ProjectsViewModel.collect(new ArrayList<>()), ctx.progress());
            return out;
        }).notCancellable().onSuccess(out -> {
            switch (out.kind()) {
                case UP_TO_DATE -> app.notifications().info("Already up to date: '" + o.name() + "' has nothing new.");
                case FAST_FORWARD -> app.notifications().success("Fast-forwarded to " + out.snapshot().abbrev() + ".");
                case MERGED -> app.notifications().success("Merged: snapshot " + out.snapshot().abbrev() + " has both parents.");
                case CONFLICTS -> app.notifications().error("The merge stopped with " + Plural.of(out.result().conflicts().size(), "conflict")
                        + ": resolve them in the files, then Continue (or Abort).");
                default -> app.notifications().info("Merge: " + out.kind());
            }
            afterMerge();
        }));
    }

    /** Records the merge snapshot once the conflicts are resolved in the files. */
    public void continueMerge() {
        Workspace w = workspace.get();
        if (w == null) {
            return;
        }
        app.tasks().submit(Task.of("Finishing the merge", ctx -> new MergeService(omni()).continueMerge(w, AppContext.SOURCE,
                ProjectsViewModel.collect(new ArrayList<>()), ctx.progress())).notCancellable().onSuccess(out -> {
                    if (out.kind() == MergeService.Kind.CONFLICTS) {
                        app.notifications().error("Still " + Plural.of(out.result().conflicts().size(), "conflict") + ".");
                    } else {
                        app.notifications().success("Merge recorded: snapshot " + out.snapshot().abbrev() + ".");
                    }
                    afterMerge();
                }).onFailure(t -> {
                    app.notifications().failed(t);
                    afterMerge();
                }));
    }

    /** Asks, then puts the working copy back as it was before the merge. */
    public void abortMerge() {
        Workspace w = workspace.get();
        if (w == null) {
            return;
        }
        app.dialogs().confirm(new Confirmation("Abort the merge?", "The working copy goes back exactly to how it was before the merge."
                + " What it holds now is kept in a snapshot of its own, so nothing is lost.", "Abort merge", true,
                () -> app.tasks().submit(Task.of("Aborting the merge", ctx -> new MergeService(omni()).abort(w, AppContext.SOURCE,
                        ProjectsViewModel.collect(new ArrayList<>()), ctx.progress())).notCancellable().onSuccess(out -> {
                            app.notifications().success("Merge aborted; the working copy is back to " + out.snapshot().abbrev()
                                    + " (its state during the merge is kept in " + out.safety().abbrev() + ").");
                            afterMerge();
                        }))));
    }

    /** Every view reloads; this one's load reads the merge state too. */
    private void afterMerge() {
        app.events().changed();
    }

    private void showMerge(MergeState st) {
        merging.set(st != null);
        if (st == null) {
            conflicts.clear();
            mergeText.set("");
            return;
        }
        conflicts.setAll(st.conflicts().stream().map(c -> c.path() + "  (" + c.kind().name().toLowerCase().replace('_', '/') + ")").toList());
        String from = others.stream().filter(x -> x.id().equals(st.theirWorkspaceId())).map(Workspace::name).findFirst()
                .orElse(st.theirWorkspaceId());
        mergeText.set("Merging '" + from + "' (" + Plural.of(st.conflicts().size(), "conflict")
                + (MergeState.APPLYING.equals(st.phase()) ? ", interrupted" : "")
                + "): resolve the conflict markers in the files, then Continue; or Abort.");
    }

    public ObjectProperty<Workspace> workspaceProperty() {
        return workspace;
    }

    public ObservableList<Workspace> others() {
        return others;
    }

    public ObjectProperty<Workspace> otherProperty() {
        return other;
    }

    public ObjectProperty<TreeMerge.Strategy> strategyProperty() {
        return strategy;
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mergingProperty() {
        return merging.getReadOnlyProperty();
    }

    public ObservableList<String> conflicts() {
        return conflicts;
    }

    public ReadOnlyStringProperty mergeTextProperty() {
        return mergeText.getReadOnlyProperty();
    }
}
