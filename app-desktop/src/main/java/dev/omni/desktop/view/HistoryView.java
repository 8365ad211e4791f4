package dev.omni.desktop.view;

import dev.omni.core.diff.Change;
import dev.omni.desktop.viewmodel.CompareTarget;
import dev.omni.desktop.viewmodel.FileNode;
import dev.omni.desktop.viewmodel.HistoryViewModel;
import dev.omni.desktop.viewmodel.HistoryViewModel.DiffMode;
import dev.omni.desktop.viewmodel.SnapshotRow;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A workspace's timeline, the changes and diff between two states, and a snapshot's files. */
final class HistoryView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private TreeView<FileNode> fileTree;

    HistoryView(HistoryViewModel vm) {
        getStyleClass().add("screen");
        ListView<SnapshotRow> timeline = Ui.id(new ListView<>(vm.snapshots()), "timeline");
        timeline.setCellFactory(l -> new SnapshotCell());
        timeline.getStyleClass().add("timeline");
        timeline.setPlaceholder(Ui.label("No snapshots.", "placeholder"));
        timeline.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != timeline.getSelectionModel().getSelectedItem()) {
                timeline.getSelectionModel().select(now);
            }
        });
        VBox left = new VBox(Ui.label("Timeline", "section-title"), timeline);
        left.getStyleClass().add("pane");
        VBox.setVgrow(timeline, Priority.ALWAYS);

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(new Tab("Changes", changesPane(vm)), new Tab("Files", filesPane(vm)));
        tabs.getTabs().get(0).setId("changesTab");
        tabs.getTabs().get(1).setId("filesTab");
        SplitPane split = new SplitPane(left, tabs);
        split.setDividerPositions(0.25);
        setCenter(split);
    }

    void showFiles() {
        tabs.getSelectionModel().select(1);
    }

    void showChanges() {
        tabs.getSelectionModel().select(0);
    }

    /** Expands the tree down to {@code node} and selects it. */
    void revealFile(FileNode node) {
        if (node == null || fileTree == null || fileTree.getRoot() == null) {
            return;
        }
        TreeItem<FileNode> cur = fileTree.getRoot();
        while (cur != null && cur.getValue() != node) {
            TreeItem<FileNode> next = null;
            for (TreeItem<FileNode> c : cur.getChildren()) {
                String p = c.getValue().path();
                if (node.path().equals(p) || node.path().startsWith(p + "/")) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            cur.setExpanded(true);
            cur = next;
        }
        if (cur != null) {
            fileTree.getSelectionModel().select(cur);
            fileTree.scrollTo(Math.max(0, fileTree.getRow(cur) - 3));
        }
    }

    private static BorderPane changesPane(HistoryViewModel vm) {
        ComboBox<CompareTarget> from = Ui.id(new ComboBox<>(vm.fromChoices()), "compareFrom");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        from.setPrefWidth(260);
        ComboBox<CompareTarget> to = Ui.id(new ComboBox<>(vm.toChoices()), "compareTo");
        to.valueProperty().bindBidirectional(vm.toProperty());
        to.setPrefWidth(260);
        ToggleGroup g = new ToggleGroup();
        ToggleButton split = new ToggleButton("Side by side");
        ToggleButton unified = Ui.id(new ToggleButton("Unified"), "unifiedToggle");
        split.setToggleGroup(g);
        unified.setToggleGroup(g);
        split.setSelected(vm.modeProperty().get() == DiffMode.SIDE_BY_SIDE);
        unified.setSelected(vm.modeProperty().get() == DiffMode.UNIFIED);
        g.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                vm.modeProperty().set(now == unified ? DiffMode.UNIFIED : DiffMode.SIDE_BY_SIDE);
            }
        });
        vm.modeProperty().addListener((o, was, now) -> (now == DiffMode.UNIFIED ? unified : split).setSelected(true));
        HBox modeBox = new HBox(split, unified);
        modeBox.getStyleClass().add("segmented");
        CheckBox whole = new CheckBox("Whole file");
        whole.selectedProperty().bindBidirectional(vm.wholeFileProperty());
        from.setPrefWidth(220);
        to.setPrefWidth(220);
        Label summaryTop = Ui.label("", "summary");
        summaryTop.textProperty().bind(vm.summaryProperty());
        VBox bar = new VBox(6, Ui.toolbar(Ui.label("Compare", "field-label"), from, Ui.label("with", "field-label"), to,
                Ui.button("Working copy", "Compare the chosen snapshot with the working copy (Ctrl+D)", vm::compareWithWorkingCopy)),
                Ui.toolbar(summaryTop, Ui.spacer(), modeBox, whole));
        bar.getStyleClass().add("compare-bar");
        ListView<Change> changes = Ui.id(new ListView<>(vm.changes()), "changeList");
        changes.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Change c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().removeAll("change-a", "change-m", "change-d");
                if (empty || c == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label letter = Ui.label(c.kind().letter(), "change-letter", "change-" + c.kind().letter().toLowerCase());
                setGraphic(letter);
                setText(c.path());
            }
        });
        changes.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(vm.selectedChangeProperty().get())) {
                vm.selectedChangeProperty().set(now);
            }
        });
        vm.selectedChangeProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(changes.getSelectionModel().getSelectedItem())) {
                changes.getSelectionModel().select(now);
            }
        });
        changes.setPlaceholder(Ui.label("No differences.", "placeholder"));
        VBox list = new VBox(changes);
        VBox.setVgrow(changes, Priority.ALWAYS);
        DiffView diff = Ui.id(new DiffView(vm.diffProperty(), vm.modeProperty(), "Choose a changed file to see its diff."), "diffView");
        HBox actions = Ui.toolbar(Ui.spacer(),
                Ui.id(Ui.button("Restore this file", "Put this file back as in the chosen snapshot (a safety snapshot is taken first)",
                        () -> vm.restoreFile(vm.selectedChangeProperty().get() == null ? null : vm.selectedChangeProperty().get().path())),
                        "restoreFile"),
                Ui.id(Ui.button("Restore whole snapshot…", "Make the working copy equal to the chosen snapshot (Ctrl+Shift+R)",
                        vm::restoreSnapshot), "restoreSnapshot"));
        SplitPane body = new SplitPane(list, diff);
        body.setDividerPositions(0.3);
        BorderPane p = new BorderPane(body);
        p.setTop(bar);
        p.setBottom(actions);
        return p;
    }

    private BorderPane filesPane(HistoryViewModel vm) {
        TreeView<FileNode> tree = Ui.id(new TreeView<>(), "fileTree");
        fileTree = tree;
        tree.setShowRoot(false);
        vm.filesProperty().addListener((o, was, now) -> tree.setRoot(now == null ? null : item(now)));
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedFileProperty().set(now == null ? null : now.getValue()));
        DiffView preview = new DiffView(vm.previewProperty(), new javafx.beans.property.SimpleObjectProperty<>(DiffMode.UNIFIED),
                "Choose a file to see its content.");
        preview.rows().getStyleClass().add("file-preview");
        HBox actions = Ui.toolbar(Ui.spacer(), Ui.button("Restore this file", "Put the chosen file back as in this snapshot",
                () -> vm.restoreFile(vm.selectedFileProperty().get() == null ? null : vm.selectedFileProperty().get().path())));
        SplitPane body = new SplitPane(tree, preview);
        body.setDividerPositions(0.35);
        BorderPane p = new BorderPane(body);
        p.setBottom(actions);
        return p;
    }

    /** Tree items made when a directory is first opened, so that a large snapshot opens at once. */
    private static TreeItem<FileNode> item(FileNode n) {
        TreeItem<FileNode> t = new TreeItem<>(n) {
            private boolean loaded;

            @Override
            public boolean isLeaf() {
                return !n.isDirectory() || n.children().isEmpty();
            }

            @Override
            public javafx.collections.ObservableList<TreeItem<FileNode>> getChildren() {
                if (!loaded) {
                    loaded = true;
                    java.util.List<TreeItem<FileNode>> kids = new java.util.ArrayList<>();
                    n.children().stream().sorted((a, b) -> a.isDirectory() != b.isDirectory() ? (a.isDirectory() ? -1 : 1)
                            : a.name().compareTo(b.name())).forEach(c -> kids.add(item(c)));
                    super.getChildren().setAll(kids);
                }
                return super.getChildren();
            }
        };
        if (n.entry() == null) {
            t.setExpanded(true);
        }
        return t;
    }

    private static final class SnapshotCell extends ListCell<SnapshotRow> {
        @Override
        protected void updateItem(SnapshotRow r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            Label msg = Ui.label(r.message(), "snapshot-message");
            Label source = Ui.label(r.source(), "chip", "chip-" + r.source());
            source.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox top = new HBox(6, source, msg);
            if (r.merge()) {
                top.getChildren().add(1, Ui.label("merge", "chip", "chip-merge-parents"));
            }
            top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            Label meta = Ui.label(r.age() + " · " + r.author() + " · " + r.size(), "snapshot-meta");
            Label id = Ui.label(r.id(), "snapshot-meta");
            VBox box = new VBox(2, top, meta, id);
            if (r.checkpoint() != null) {
                // An agent's checkpoint: which agent, session and turn.
                Label cp = Ui.label(r.checkpoint(), "chip", "chip-agent-turn");
                cp.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                box.getChildren().add(1, cp);
            }
            box.setMinWidth(0);
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(30));
            box.maxWidthProperty().bind(box.prefWidthProperty());
            box.getStyleClass().add("snapshot-cell");
            setGraphic(box);
        }
    }
}
