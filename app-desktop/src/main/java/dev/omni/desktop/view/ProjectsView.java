package dev.omni.desktop.view;

import dev.omni.core.workspace.Project;
import dev.omni.desktop.viewmodel.ProjectsViewModel;
import dev.omni.desktop.viewmodel.WorkspaceRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
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

        TableView<WorkspaceRow> table = Ui.id(new TableView<>(vm.workspaces()), "workspaceTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Workspace", 130, r -> r.name() + (r.isMain() ? "  ★" : "")));
        table.getColumns().add(column("Path", 220, WorkspaceRow::path));
        table.getColumns().add(column("Machine", 140, WorkspaceRow::machine));
        table.getColumns().add(column("Current snapshot", 250, WorkspaceRow::snapshot));
        TableColumn<WorkspaceRow, String> changes = new TableColumn<>("Local changes");
        changes.setPrefWidth(150);
        changes.setCellValueFactory(c -> c.getValue().changesProperty());
        table.getColumns().add(changes);
        TableColumn<WorkspaceRow, WorkspaceRow.Badge> drift = new TableColumn<>("Drift");
        drift.setPrefWidth(190);
        drift.setCellValueFactory(c -> c.getValue().driftProperty());
        drift.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(WorkspaceRow.Badge b, boolean empty) {
                super.updateItem(b, empty);
                if (empty || b == null) {
                    setGraphic(null);
                    return;
                }
                Label l = Ui.label(b.text(), "badge", "badge-" + b.level().name().toLowerCase().replace('_', '-'));
                setGraphic(l);
            }
        });
        table.getColumns().add(drift);
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
        split.setDividerPositions(0.2);
        setCenter(split);
    }

    private static TableColumn<WorkspaceRow, String> column(String title, double width, java.util.function.Function<WorkspaceRow, String> f) {
        TableColumn<WorkspaceRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())).getReadOnlyProperty());
        return c;
    }

    @SuppressWarnings("unused")
    private static <T> ReadOnlyObjectWrapper<T> constant(T v) {
        return new ReadOnlyObjectWrapper<>(v);
    }
}
