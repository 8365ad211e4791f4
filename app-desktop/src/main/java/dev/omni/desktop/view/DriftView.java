package dev.omni.desktop.view;

import dev.omni.core.merge.TreeMerge;
import dev.omni.core.workspace.Workspace;
import dev.omni.desktop.viewmodel.DriftViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Drift between this workspace and another, conflict candidates first; merge, continue, abort. */
final class DriftView extends BorderPane {
    DriftView(DriftViewModel vm) {
        getStyleClass().add("screen");
        ComboBox<Workspace> other = Ui.id(new ComboBox<>(vm.others()), "driftOther");
        other.valueProperty().bindBidirectional(vm.otherProperty());
        other.setConverter(new StringConverter<>() {
            @Override
            public String toString(Workspace w) {
                return w == null ? "" : w.name();
            }

            @Override
            public Workspace fromString(String s) {
                return null;
            }
        });
        other.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Workspace w, boolean empty) {
                super.updateItem(w, empty);
                setText(empty || w == null ? null : w.name() + (w.localPath() == null ? "" : "   " + w.localPath()));
            }
        });
        ChoiceBox<TreeMerge.Strategy> strategy = new ChoiceBox<>();
        strategy.getItems().setAll(TreeMerge.Strategy.values());
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(TreeMerge.Strategy s) {
                return s == null ? "" : switch (s) {
                    case MANUAL -> "conflict markers";
                    case OURS -> "keep ours";
                    case THEIRS -> "take theirs";
                };
            }

            @Override
            public TreeMerge.Strategy fromString(String s) {
                return null;
            }
        });
        Label title = Ui.label("", "section-title");
        title.textProperty().bind(vm.workspaceProperty().map(w -> "Drift of '" + w.name() + "' from").orElse("Drift"));
        other.setPrefWidth(260);
        var bar = new VBox(8, Ui.toolbar(title, other, Ui.button("Recompute", "Compute the drift again (F5)", vm::compute)),
                Ui.toolbar(Ui.label("Merge the other workspace into this one; overlapping changes get", "field-label"), strategy,
                        Ui.id(Ui.button("Merge…", "Merge the other workspace into this one (Ctrl+M)", vm::startMerge), "mergeButton")));
        Label summary = Ui.id(Ui.label("", "summary"), "driftSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());

        TableView<DriftViewModel.Entry> table = Ui.id(new TableView<>(vm.entries()), "driftTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DriftViewModel.Entry, String> path = new TableColumn<>("Path");
        path.setPrefWidth(380);
        path.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()).getReadOnlyProperty());
        TableColumn<DriftViewModel.Entry, String> how = new TableColumn<>("What changed");
        how.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().how()).getReadOnlyProperty());
        table.getColumns().add(path);
        table.getColumns().add(how);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DriftViewModel.Entry e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().remove("conflict-row");
                if (!empty && e != null && e.conflict()) {
                    getStyleClass().add("conflict-row");
                }
            }
        });
        table.setPlaceholder(Ui.label("No drift to show.", "placeholder"));

        Label mergeText = Ui.label("", "merge-text");
        mergeText.setWrapText(true);
        mergeText.textProperty().bind(vm.mergeTextProperty());
        ListView<String> conflicts = Ui.id(new ListView<>(vm.conflicts()), "conflictList");
        conflicts.setPrefHeight(140);
        VBox mergePane = new VBox(8, Ui.toolbar(Ui.label("Merge in progress", "section-title"), Ui.spacer(),
                Ui.button("Continue", "Record the merge once every conflict is resolved", vm::continueMerge),
                Ui.button("Abort…", "Go back to the state before the merge", vm::abortMerge)), mergeText, conflicts);
        mergePane.getStyleClass().addAll("pane", "merge-pane");
        mergePane.visibleProperty().bind(vm.mergingProperty());
        mergePane.managedProperty().bind(vm.mergingProperty());

        VBox body = new VBox(10, bar, summary, mergePane, table);
        body.getStyleClass().add("pane");
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(body);
    }
}
