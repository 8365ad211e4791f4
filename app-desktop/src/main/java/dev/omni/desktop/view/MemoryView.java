package dev.omni.desktop.view;

import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.Effort;
import dev.omni.core.memory.MemoryType;
import dev.omni.desktop.viewmodel.Highlight;
import dev.omni.desktop.viewmodel.MemoryViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import dev.omni.core.search.SearchMode;
import dev.omni.desktop.viewmodel.SearchModes;

/** Memory: search as you type with highlighted snippets, type and tag filters, and the item editor. */
final class MemoryView extends BorderPane {
    private final TextField search = new TextField();

    MemoryView(MemoryViewModel vm) {
        getStyleClass().add("screen");
        search.setId("memorySearch");
        search.setPromptText("Search memory… (Ctrl+F)   words, \"phrases\", prefix*, -exclude, or a question");
        search.textProperty().bindBidirectional(vm.queryProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ChoiceBox<SearchMode> mode = Ui.id(modeChoice(), "memoryMode");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        ChoiceBox<MemoryType> type = Ui.id(new ChoiceBox<>(), "memoryType");
        type.getItems().add(null);
        type.getItems().addAll(MemoryType.values());
        type.setConverter(names("All types"));
        type.valueProperty().bindBidirectional(vm.typeProperty());
        ComboBox<String> tag = Ui.id(new ComboBox<>(vm.tags()), "memoryTag");
        tag.setPromptText("Tag");
        tag.setEditable(false);
        tag.valueProperty().bindBidirectional(vm.tagProperty());
        Label summary = Ui.label("", "summary");
        summary.textProperty().bind(vm.summaryProperty());

        ListView<MemoryViewModel.Entry> results = Ui.id(new ListView<>(vm.results()), "memoryResults");
        results.setCellFactory(l -> new EntryCell());
        results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != results.getSelectionModel().getSelectedItem()) {
                if (now == null) {
                    results.getSelectionModel().clearSelection();
                } else {
                    results.getSelectionModel().select(now);
                }
            }
        });
        VBox left = new VBox(8, Ui.toolbar(search, mode), Ui.toolbar(Ui.label("Type", "field-label"), type, Ui.label("Tag", "field-label"), tag,
                Ui.spacer(), summary), results);
        left.getStyleClass().add("pane");
        VBox.setVgrow(results, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, editor(vm));
        split.setDividerPositions(0.58);
        setCenter(split);
    }

    /** Auto, words, meaning, both: how the search box searches. */
    static ChoiceBox<SearchMode> modeChoice() {
        ChoiceBox<SearchMode> mode = new ChoiceBox<>();
        mode.getItems().setAll(SearchModes.choices());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(SearchMode m) {
                return SearchModes.label(m);
            }

            @Override
            public SearchMode fromString(String s) {
                return null;
            }
        });
        mode.setTooltip(new javafx.scene.control.Tooltip("Auto: by words and meaning where the semantic index covers the project,"
                + " else by words"));
        return mode;
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static VBox editor(MemoryViewModel vm) {
        Label title = Ui.label("", "section-title");
        title.textProperty().bind(vm.editTitleProperty());
        ChoiceBox<MemoryType> type = new ChoiceBox<>();
        type.getItems().addAll(MemoryType.values());
        type.setConverter(names(""));
        type.valueProperty().bindBidirectional(vm.editTypeProperty());
        TextArea content = Ui.id(new TextArea(), "memoryContent");
        content.setWrapText(true);
        content.setPrefRowCount(5);
        content.setPromptText("What to remember");
        content.textProperty().bindBidirectional(vm.editContentProperty());
        TextArea why = Ui.id(new TextArea(), "memoryRationale");
        why.setWrapText(true);
        why.setPrefRowCount(3);
        why.setPromptText("Why: the reasons and the alternatives turned down");
        why.textProperty().bindBidirectional(vm.editRationaleProperty());
        ChoiceBox<DecisionCategory> category = new ChoiceBox<>();
        category.getItems().add(null);
        category.getItems().addAll(DecisionCategory.values());
        category.setConverter(names("(none)"));
        category.valueProperty().bindBidirectional(vm.editCategoryProperty());
        ChoiceBox<Integer> priority = new ChoiceBox<>();
        priority.getItems().addAll(1, 2, 3);
        priority.valueProperty().bindBidirectional(vm.editPriorityProperty());
        ChoiceBox<Effort> effort = new ChoiceBox<>();
        effort.getItems().add(null);
        effort.getItems().addAll(Effort.values());
        effort.setConverter(names("(unknown)"));
        effort.valueProperty().bindBidirectional(vm.editEffortProperty());
        TextField tags = Ui.id(new TextField(), "memoryTags");
        tags.setPromptText("tags, separated by commas");
        tags.textProperty().bindBidirectional(vm.editTagsProperty());

        GridPane grid = new GridPane();
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, Ui.label("Type", "field-label"), type);
        grid.addRow(1, Ui.label("Content", "field-label"), content);
        Label whyLabel = Ui.label("Rationale", "field-label");
        Label catLabel = Ui.label("Category", "field-label");
        grid.addRow(2, whyLabel, why);
        grid.addRow(3, catLabel, category);
        Label prioLabel = Ui.label("Priority", "field-label");
        HBox prio = new HBox(8, priority, Ui.label("Effort", "field-label"), effort);
        grid.addRow(4, prioLabel, prio);
        grid.addRow(5, Ui.label("Tags", "field-label"), tags);
        GridPane.setHgrow(content, Priority.ALWAYS);
        var isDecision = vm.editTypeProperty().isEqualTo(MemoryType.DECISION);
        var isNext = vm.editTypeProperty().isEqualTo(MemoryType.NEXT_STEP);
        for (var n : List.of(whyLabel, why, catLabel, category)) {
            n.visibleProperty().bind(isDecision);
            n.managedProperty().bind(isDecision);
        }
        for (var n : List.of(prioLabel, prio)) {
            n.visibleProperty().bind(isNext);
            n.managedProperty().bind(isNext);
        }
        var remove = Ui.button("Remove", "Hide this item ('omni memory restore' brings it back)", vm::remove);
        remove.disableProperty().bind(Bindings.isNull(vm.editingProperty()));
        VBox box = new VBox(12, title, grid, Ui.toolbar(Ui.button("New", "A new item (Ctrl+N)", vm::newItem), Ui.spacer(), remove,
                Ui.id(Ui.button("Save", "Add or save the item", vm::save), "memorySave")));
        box.getStyleClass().add("pane");
        return box;
    }

    private static <E extends Enum<E>> StringConverter<E> names(String none) {
        return new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? none : e.name().toLowerCase().replace('_', ' ');
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        };
    }

    static TextFlow highlighted(List<Highlight> parts, String style) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add(style);
        for (Highlight h : parts) {
            Text t = new Text(h.text());
            t.getStyleClass().add(h.hit() ? "snippet-hit" : "snippet-text");
            f.getChildren().add(t);
        }
        return f;
    }

    private static final class EntryCell extends ListCell<MemoryViewModel.Entry> {
        @Override
        protected void updateItem(MemoryViewModel.Entry e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            Label type = Ui.label(e.item().type().wire().replace('_', ' '), "type-chip");
            Label meta = Ui.label(e.meta().substring(e.meta().indexOf('·') < 0 ? 0 : e.meta().indexOf('·') + 1).strip(), "card-meta");
            HBox top = new HBox(8, type, meta);
            TextFlow snippet = highlighted(e.snippet(), "memory-snippet");
            VBox box = new VBox(4, top);
            String plain = Highlight.plain(e.snippet()).replace("…", "");
            boolean snippetIsContent = e.item().content().replace('\n', ' ').contains(plain.strip());
            if (!snippetIsContent) {
                Label content = Ui.label(e.item().content(), "memory-content");
                content.setWrapText(true);
                box.getChildren().add(content);
            }
            box.getChildren().add(snippet);
            if (e.item().rationale() != null && snippetIsContent) {
                Label why = Ui.label("Why: " + e.item().rationale(), "card-meta");
                why.setWrapText(true);
                box.getChildren().add(why);
            }
            box.setMinWidth(0);
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(36));
            box.maxWidthProperty().bind(box.prefWidthProperty());
            setGraphic(box);
        }
    }
}
