package dev.omni.desktop.view;

import dev.omni.core.workspace.Project;
import dev.omni.desktop.viewmodel.ProjectsViewModel;
import dev.omni.desktop.viewmodel.WorkspaceRow;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Projects, and the workspaces of the chosen one with their state. */
final class ProjectsView extends BorderPane {
    ProjectsView(ProjectsViewModel vm) {
        getStyleClass().add("screen");
        ListView<Project> projects = Ui.id(new ListView<>(vm.projects()), "projectList");
        projects.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Project p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
            }
        });
        projects.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(vm.selectedProjectProperty().get())) {
                vm.selectedProjectProperty().set(now);
            }
        });
        vm.selectedProjectProperty().addListener((o, was, now) -> projects.getSelectionModel().select(now));
        projects.setPlaceholder(Ui.label("No projects yet: run 'omni init' in a directory.", "placeholder"));
        VBox left = new VBox(Ui.label("Projects", "section-title"), projects);
        left.getStyleClass().add("pane");
        VBox.setVgrow(projects, javafx.scene.layout.Priority.ALWAYS);

        ListView<WorkspaceRow> table = Ui.id(new ListView<>(vm.workspaces()), "workspaceTable");
        table.getStyleClass().add("workspace-list");
        table.setCellFactory(l -> new WorkspaceCell());
        table.setPlaceholder(Ui.label("No workspaces.", "placeholder"));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedWorkspaceProperty().get()) {
                vm.selectedWorkspaceProperty().set(now);
            }
        });
        vm.selectedWorkspaceProperty().addListener((o, was, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });

        Label sync = Ui.id(Ui.label("", "sync-state"), "syncState");
        sync.textProperty().bind(vm.syncStateProperty());
        VBox right = new VBox(8,
                Ui.toolbar(Ui.label("Workspaces", "section-title"), Ui.spacer(),
                        Ui.button("Snapshot", "Record the chosen working copy (Ctrl+S)", vm::snapshot),
                        Ui.button("New workspace…", "Fork a new working copy from the chosen one", vm::fork),
                        Ui.button("Rename…", null, vm::rename),
                        Ui.button("Make main", "Drift compares with the main workspace", vm::makeMain),
                        Ui.button("Remove…", "Forget the workspace (files and snapshots stay)", vm::remove)),
                table, sync);
        right.getStyleClass().add("pane");
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.18);
        setCenter(split);
    }

    /** A workspace as a card: name, main star, drift badge; path and machine; snapshot; local changes. */
    private static final class WorkspaceCell extends ListCell<WorkspaceRow> {
        @Override
        protected void updateItem(WorkspaceRow r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            Label name = Ui.label(r.name(), "workspace-name");
            Label badge = new Label();
            badge.textProperty().bind(r.driftProperty().map(WorkspaceRow.Badge::text));
            r.driftProperty().addListener((o, was, now) -> style(badge, now));
            style(badge, r.driftProperty().get());
            HBox top = new HBox(10, name, badge);
            top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            Label where = Ui.label((r.path().isEmpty() ? "(no path)" : r.path()) + "   ·   " + r.machine(), "workspace-meta");
            Label snap = Ui.label("Current snapshot  " + r.snapshot(), "workspace-meta");
            Label changes = Ui.label("", "workspace-changes");
            changes.textProperty().bind(r.changesProperty().map(t -> "Local changes  " + t));
            VBox box = new VBox(4, top, where, snap, changes);
            box.getStyleClass().add("workspace-card");
            setGraphic(box);
        }

        private static void style(Label badge, WorkspaceRow.Badge b) {
            badge.getStyleClass().setAll("label", "badge", "badge-" + (b == null ? "unknown" : b.level().name().toLowerCase().replace('_', '-')));
        }
    }
}
