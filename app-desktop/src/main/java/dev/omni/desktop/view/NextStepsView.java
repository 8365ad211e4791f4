package dev.omni.desktop.view;

import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.NextStatus;
import dev.omni.desktop.viewmodel.NextStepsViewModel;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Next steps as a board of three columns; each card has buttons to move it. */
final class NextStepsView extends BorderPane {
    NextStepsView(NextStepsViewModel vm) {
        getStyleClass().add("screen");
        TextField add = Ui.id(new TextField(), "newStep");
        add.setPromptText("A new next step… (Enter)");
        add.textProperty().bindBidirectional(vm.newStepProperty());
        add.setOnAction(e -> vm.add());
        HBox.setHgrow(add, Priority.ALWAYS);
        HBox board = new HBox(14, column("Pending", vm.pending(), vm, "pendingColumn"), column("Started", vm.started(), vm, "startedColumn"),
                column("Done", vm.done(), vm, "doneColumn"));
        board.getStyleClass().add("board");
        for (var c : board.getChildren()) {
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        VBox body = new VBox(12, Ui.toolbar(Ui.label("Next steps", "section-title"), add, Ui.button("Add", null, vm::add)), board);
        VBox.setVgrow(board, Priority.ALWAYS);
        body.getStyleClass().add("pane");
        setCenter(body);
    }

    private static ScrollPane column(String title, ObservableList<MemoryItem> items, NextStepsViewModel vm, String id) {
        VBox col = new VBox(8);
        col.getStyleClass().add("board-column");
        Label head = Ui.label(title, "board-title");
        Runnable fill = () -> {
            col.getChildren().setAll(head);
            head.setText(title + "  " + items.size());
            for (MemoryItem i : items) {
                col.getChildren().add(card(i, vm));
            }
        };
        items.addListener((ListChangeListener<MemoryItem>) c -> fill.run());
        fill.run();
        ScrollPane s = new ScrollPane(col);
        s.setId(id);
        s.setFitToWidth(true);
        s.setFitToHeight(true);
        s.getStyleClass().add("board-scroll");
        return s;
    }

    private static VBox card(MemoryItem i, NextStepsViewModel vm) {
        Label text = Ui.label(i.content(), "card-text");
        text.setWrapText(true);
        StringBuilder meta = new StringBuilder();
        if (i.priority() != null) {
            meta.append("P").append(i.priority());
        }
        if (i.effort() != null) {
            meta.append(meta.length() > 0 ? " · " : "").append(i.effort().wire());
        }
        for (String t : i.tags()) {
            meta.append(" #").append(t);
        }
        HBox actions = new HBox(6);
        switch (i.status()) {
            case PENDING -> actions.getChildren().add(Ui.button("Start →", null, () -> vm.move(i, NextStatus.STARTED)));
            case STARTED -> actions.getChildren().addAll(Ui.button("← Pending", null, () -> vm.move(i, NextStatus.PENDING)),
                    Ui.button("Done →", null, () -> vm.move(i, NextStatus.COMPLETED)));
            case COMPLETED -> actions.getChildren().add(Ui.button("← Reopen", null, () -> vm.move(i, NextStatus.STARTED)));
            default -> {
            }
        }
        VBox card = new VBox(6, text, Ui.label(meta.toString(), "card-meta"), actions);
        card.getStyleClass().add("card");
        return card;
    }
}
