package dev.omni.desktop.viewmodel;

import dev.omni.core.Omni;
import dev.omni.core.Warnings;
import dev.omni.core.diff.Change;
import dev.omni.core.lifecycle.WorkspaceLifecycle;
import dev.omni.core.merge.DriftService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.sync.SyncPlan;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.desktop.task.Task;
import dev.omni.sync.SyncAll;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.daemon.DaemonControl;
import dev.omni.sync.daemon.DaemonStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The projects screen: every project, the workspaces of the chosen one with their state (current
 * snapshot and age, local changes, drift against main), the sync state, and what can be done to a
 * workspace (snapshot, fork, rename, make main, remove) — through the same services as the CLI.
 */
public final class ProjectsViewModel {
    private final AppContext app;
    private final ObservableList<Project> projects = FXCollections.observableArrayList();
    private final ObjectProperty<Project> selectedProject = new SimpleObjectProperty<>(this, "selectedProject");
    private final ObservableList<WorkspaceRow> workspaces = FXCollections.observableArrayList();
    private final ObjectProperty<WorkspaceRow> selectedWorkspace = new SimpleObjectProperty<>(this, "selectedWorkspace");
    private final ReadOnlyStringWrapper syncState = new ReadOnlyStringWrapper(this, "syncState", "");
    private final AtomicInteger generation = new AtomicInteger();

    public ProjectsViewModel(AppContext app) {
        this.app = app;
        selectedProject.addListener((o, was, now) -> {
            if (now != null) {
                app.prefs().lastProject = now.id();
                loadWorkspaces(now, was != null && was.id().equals(now.id()) ? currentWorkspaceId() : app.prefs().lastWorkspace);
            } else {
                workspaces.clear();
            }
        });
        selectedWorkspace.addListener((o, was, now) -> {
            if (now != null) {
                app.prefs().lastWorkspace = now.id();
            }
        });
        app.events().listen(this::refresh);
    }

    private Omni omni() {
        return app.omni();
    }

    private String currentWorkspaceId() {
        return selectedWorkspace.get() == null ? null : selectedWorkspace.get().id();
    }

    /** Reloads the projects (keeping the chosen one, else the last one used), then its workspaces and the sync state. */
    public void refresh() {
        String keep = selectedProject.get() != null ? selectedProject.get().id() : app.prefs().lastProject;
        app.tasks().submit(Task.of("Loading projects", ctx -> new WorkspaceService(omni()).projects())
                .onSuccess(list -> {
                    projects.setAll(list);
                    Project pick = list.stream().filter(p -> p.id().equals(keep)).findFirst().orElse(list.isEmpty() ? null : list.get(0));
                    if (pick != null && selectedProject.get() != null && pick.id().equals(selectedProject.get().id())) {
                        selectedProject.set(pick);
                        loadWorkspaces(pick, currentWorkspaceId());
                    } else {
                        selectedProject.set(pick);
                    }
                }));
        refreshSyncState();
    }

    /** The rows of what loading a project's workspaces reads, in one background task. */
    private record Loaded(List<WorkspaceRow> rows, Workspace main) {
    }

    private void loadWorkspaces(Project p, String keepWorkspace) {
        int gen = generation.incrementAndGet();
        app.tasks().submit(Task.of("Loading workspaces of " + p.name(), ctx -> {
            WorkspaceService ws = new WorkspaceService(omni());
            SnapshotService snaps = new SnapshotService(omni());
            Project fresh = ws.project(p.id());
            Instant now = omni().now();
            List<WorkspaceRow> rows = new ArrayList<>();
            Workspace main = null;
            for (Workspace w : ws.workspaces(p.id())) {
                Snapshot cur = w.currentSnapshot() == null ? null : snaps.get(w.currentSnapshot());
                boolean isMain = w.id().equals(fresh.mainWorkspaceId());
                if (isMain) {
                    main = w;
                }
                rows.add(new WorkspaceRow(w, isMain, omni().machineId(), omni().machineName(), cur, now));
            }
            return new Loaded(rows, main);
        }).key("workspaces").onSuccess(loaded -> {
            if (gen != generation.get()) {
                return;
            }
            workspaces.setAll(loaded.rows());
            WorkspaceRow pick = loaded.rows().stream().filter(r -> r.id().equals(keepWorkspace)).findFirst()
                    .orElse(loaded.rows().stream().filter(WorkspaceRow::isLocal).findFirst()
                            .orElse(loaded.rows().isEmpty() ? null : loaded.rows().get(0)));
            selectedWorkspace.set(pick);
            for (WorkspaceRow r : loaded.rows()) {
                inspect(r, loaded.main(), gen);
            }
        }));
    }

    /** Local changes and the drift badge of one row, in the background. */
    private void inspect(WorkspaceRow row, Workspace main, int gen) {
        if (row.isLocal()) {
            app.tasks().submit(Task.of("Checking " + row.name(), ctx -> new SnapshotService(omni()).status(row.workspace(),
                            Warnings.IGNORE, ctx.progress()))
                    .quiet().onSuccess(st -> row.setChanges(describe(st)))
                    .onFailure(t -> row.setChanges("cannot check: " + dev.omni.desktop.task.Errors.describe(t))));
        }
        if (!row.isMain() && main != null && row.workspace().currentSnapshot() != null && main.currentSnapshot() != null) {
            app.tasks().submit(Task.of("Drift of " + row.name(), ctx -> new DriftService(omni()).compute(row.workspace(), main,
                            false, Warnings.IGNORE, ctx.progress()))
                    .quiet().onSuccess(r -> {
                        if (gen == generation.get()) {
                            row.setDrift(badge(r, main));
                        }
                    })
                    .onFailure(t -> row.setDrift(new WorkspaceRow.Badge(WorkspaceRow.Drift.NONE, "drift unknown"))));
        } else if (!row.isMain()) {
            row.setDrift(new WorkspaceRow.Badge(WorkspaceRow.Drift.NONE, "no snapshot"));
        }
    }

    static String describe(SnapshotService.Status st) {
        if (st.clean()) {
            return "no local changes";
        }
        long a = st.changes().stream().filter(c -> c.kind() == Change.Kind.ADDED).count();
        long m = st.changes().stream().filter(c -> c.kind() == Change.Kind.MODIFIED).count();
        long d = st.changes().stream().filter(c -> c.kind() == Change.Kind.DELETED).count();
        List<String> parts = new ArrayList<>();
        if (a > 0) {
            parts.add(a + " added");
        }
        if (m > 0) {
            parts.add(m + " modified");
        }
        if (d > 0) {
            parts.add(d + " deleted");
        }
        return String.join(", ", parts);
    }

    static WorkspaceRow.Badge badge(DriftService.Report r, Workspace main) {
        if (!r.drifted()) {
            return new WorkspaceRow.Badge(WorkspaceRow.Drift.IN_SYNC, "in sync with " + main.name());
        }
        String text = "↑" + r.oursOnly().size() + " ↓" + r.theirsOnly().size() + " vs " + main.name();
        if (!r.conflicts().isEmpty()) {
            return new WorkspaceRow.Badge(WorkspaceRow.Drift.CONFLICTS, text + " · " + r.conflicts().size() + " conflicting");
        }
        return new WorkspaceRow.Badge(WorkspaceRow.Drift.DRIFTED, text);
    }

    /** Login, last push and queue, as {@code omni auth status} and {@code omni daemon status} say. */
    public void refreshSyncState() {
        app.tasks().submit(Task.of("Reading the sync state", ctx -> {
            Optional<AuthService.Login> login = app.accounts().status();
            Optional<DaemonStatus> state = new DaemonControl(omni()).status();
            StringBuilder b = new StringBuilder();
            if (login.isEmpty()) {
                b.append("Not logged in");
            } else if (login.get().expired(omni().now())) {
                b.append("Login expired (").append(login.get().server()).append(")");
            } else {
                b.append("Logged in as ").append(login.get().email()).append(" on ").append(login.get().server().getHost());
            }
            java.time.Instant lastPush = state.map(DaemonStatus::lastPushAt).orElse(null);
            b.append(" · last push ").append(lastPush == null ? "never" : Times.ago(lastPush, omni().now()));
            // The live plan, as 'omni daemon status' shows it: workspaces and changes not yet pushed.
            SyncPlan plan = SyncAll.plan(omni());
            long ws = plan.toPush().size();
            long changes = plan.changesWaiting();
            b.append(" · ").append(ws + changes == 0 ? "nothing queued" : Plural.of(ws, "workspace") + " and " + Plural.of(changes, "change") + " waiting to push");
            state.map(DaemonStatus::lastError).ifPresent(e -> b.append(" · last error: ").append(e));
            return b.toString();
        }).quiet().key("sync-state").onSuccess(syncState::set).onFailure(t -> syncState.set("Sync state unknown: "
                + dev.omni.desktop.task.Errors.describe(t))));
    }

    /** Asks for a message, then snapshots the chosen workspace (source "gui"). */
    public void snapshot() {
        WorkspaceRow row = requireLocal();
        if (row == null) {
            return;
        }
        app.dialogs().ask(new Dialogs.Prompt("Take a snapshot", "Record the working copy of '" + row.name() + "'. Message:", "",
                "Snapshot", msg -> takeSnapshot(row.workspace(), msg)));
    }

    /** Snapshots {@code w} with {@code message} (blank: none). */
    public void takeSnapshot(Workspace w, String message) {
        List<String> warnings = new ArrayList<>();
        app.tasks().submit(Task.of("Taking a snapshot of " + w.name(), ctx -> new SnapshotService(omni()).take(w,
                        SnapshotService.Options.of(message == null || message.isBlank() ? null : message.strip(), AppContext.SOURCE),
                        collect(warnings), ctx.progress()))
                .notCancellable().onSuccess(t -> {
                    if (!t.recorded()) {
                        app.notifications().info("Nothing changed since the last snapshot; nothing recorded.");
                    } else {
                        app.notifications().success("Snapshot " + t.snapshot().id().abbrev() + " recorded: "
                                + Plural.of(t.snapshot().files(), "file") + warningsText(warnings));
                    }
                    app.events().changed();
                }));
    }

    static Warnings collect(List<String> sink) {
        return (path, message) -> {
            synchronized (sink) {
                sink.add((path == null || path.isEmpty() ? "" : path + ": ") + message);
            }
        };
    }

    static String warningsText(List<String> w) {
        synchronized (w) {
            return w.isEmpty() ? "" : " (" + w.size() + " warning" + (w.size() == 1 ? "" : "s") + ": " + w.get(0) + (w.size() > 1 ? ", …" : "") + ")";
        }
    }

    /** Asks for a name, then forks a new workspace from the chosen one's current snapshot, beside it. */
    public void fork() {
        WorkspaceRow row = selectedWorkspace.get();
        Project p = selectedProject.get();
        if (row == null || p == null) {
            app.notifications().error("Choose the workspace to fork from first.");
            return;
        }
        if (row.workspace().currentSnapshot() == null) {
            app.notifications().error("Workspace '" + row.name() + "' has no snapshot to fork from yet.");
            return;
        }
        app.dialogs().ask(new Dialogs.Prompt("New workspace", "Fork a new working copy of '" + p.name() + "' from '" + row.name()
                + "' (" + row.workspace().currentSnapshot().abbrev() + "). Name:", "", "Create", name -> fork(p, row.workspace(), name, null)));
    }

    /** Forks {@code from}'s current snapshot into {@code dir} (null: beside {@code from}, named after the project and workspace). */
    public void fork(Project p, Workspace from, String name, Path dir) {
        if (name == null || name.isBlank()) {
            app.notifications().error("A workspace needs a name.");
            return;
        }
        String n = name.strip();
        Path target = dir != null ? dir : defaultForkDir(p, from, n);
        app.tasks().submit(Task.of("Creating workspace " + n, ctx -> {
            Snapshot source = new SnapshotService(omni()).get(from.currentSnapshot());
            return new WorkspaceLifecycle(omni()).create(p, n, source, target, AppContext.SOURCE, ctx.progress());
        }).notCancellable().onSuccess(w -> {
            app.prefs().lastWorkspace = w.id();
            app.notifications().success("Created workspace '" + w.name() + "' at " + w.localPath());
            app.events().changed();
        }));
    }

    static Path defaultForkDir(Project p, Workspace from, String name) {
        Path base = from.localPath();
        Path parent = base == null || base.getParent() == null ? Path.of(System.getProperty("user.home")) : base.getParent();
        String stem = base == null || base.getFileName() == null ? p.name() : base.getFileName().toString();
        return parent.resolve(stem + "-" + name);
    }

    public void rename() {
        WorkspaceRow row = selectedWorkspace.get();
        if (row == null) {
            return;
        }
        app.dialogs().ask(new Dialogs.Prompt("Rename workspace", "New name for '" + row.name() + "':", row.name(), "Rename",
                name -> app.tasks().submit(Task.of("Renaming " + row.name(), ctx -> new WorkspaceService(omni()).rename(row.workspace(),
                        name.strip(), AppContext.SOURCE)).onSuccess(w -> {
                            app.notifications().success("Renamed to '" + w.name() + "'.");
                            app.events().changed();
                        }))));
    }

    public void makeMain() {
        WorkspaceRow row = selectedWorkspace.get();
        if (row == null || row.isMain()) {
            return;
        }
        app.tasks().submit(Task.of("Making " + row.name() + " main", ctx -> {
            new WorkspaceService(omni()).setMain(row.workspace(), AppContext.SOURCE);
            return row;
        }).onSuccess(r -> {
            app.notifications().success("'" + r.name() + "' is now the main workspace.");
            app.events().changed();
        }));
    }

    /** Asks, then forgets the chosen workspace; its files and snapshots stay. */
    public void remove() {
        WorkspaceRow row = selectedWorkspace.get();
        if (row == null) {
            return;
        }
        app.dialogs().confirm(new Confirmation("Remove workspace '" + row.name() + "'?",
                "omni forgets this workspace. Its snapshots stay in the store, and its files stay on disk"
                        + (row.path().isEmpty() ? "." : " (" + row.path() + ")."), "Remove", true,
                () -> app.tasks().submit(Task.of("Removing " + row.name(), ctx -> {
                    new WorkspaceLifecycle(omni()).remove(row.workspace(), false, AppContext.SOURCE, Warnings.IGNORE);
                    return row;
                }).notCancellable().onSuccess(r -> {
                    app.notifications().success("Removed workspace '" + r.name() + "'.");
                    app.events().changed();
                }))));
    }

    private WorkspaceRow requireLocal() {
        WorkspaceRow row = selectedWorkspace.get();
        if (row == null) {
            app.notifications().error("Choose a workspace first.");
            return null;
        }
        if (!row.isLocal()) {
            app.notifications().error("Workspace '" + row.name() + "' has no working copy on this machine.");
            return null;
        }
        return row;
    }

    public ObservableList<Project> projects() {
        return projects;
    }

    public ObjectProperty<Project> selectedProjectProperty() {
        return selectedProject;
    }

    public ObservableList<WorkspaceRow> workspaces() {
        return workspaces;
    }

    public ObjectProperty<WorkspaceRow> selectedWorkspaceProperty() {
        return selectedWorkspace;
    }

    public ReadOnlyStringProperty syncStateProperty() {
        return syncState.getReadOnlyProperty();
    }

    /** Chooses the project with this id (if known). */
    public void selectProject(String id) {
        projects.stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(selectedProject::set);
    }

    public void selectWorkspace(String name) {
        workspaces.stream().filter(w -> w.name().equals(name)).findFirst().ifPresent(selectedWorkspace::set);
    }
}
