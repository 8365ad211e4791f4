package dev.omni.desktop.view;

import dev.omni.core.conversation.Role;
import dev.omni.desktop.viewmodel.ConversationsViewModel;
import dev.omni.desktop.viewmodel.TranscriptMessage;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Conversations: the list (or search hits), and the chosen one as a transcript. */
final class ConversationsView extends BorderPane {
    private final TextField search = new TextField();

    ConversationsView(ConversationsViewModel vm) {
        getStyleClass().add("screen");
        search.setId("conversationSearch");
        search.setPromptText("Search conversations… (Ctrl+F)");
        search.textProperty().bindBidirectional(vm.queryProperty());
        Label summary = Ui.label("", "summary");
        summary.textProperty().bind(vm.summaryProperty());
        ListView<ConversationsViewModel.Entry> list = Ui.id(new ListView<>(vm.conversations()), "conversationList");
        list.setCellFactory(l -> new EntryCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });
        VBox left = new VBox(8, search, summary, list);
        left.getStyleClass().add("pane");
        VBox.setVgrow(list, Priority.ALWAYS);

        Label title = Ui.id(Ui.label("", "section-title"), "transcriptTitle");
        title.setWrapText(true);
        title.textProperty().bind(vm.titleProperty());
        ListView<TranscriptMessage> transcript = Ui.id(new ListView<>(vm.transcript()), "transcript");
        transcript.getStyleClass().add("transcript-list");
        transcript.setCellFactory(l -> new MessageCell(vm));
        transcript.setPlaceholder(Ui.label("Choose a conversation.", "placeholder"));
        vm.focusProperty().addListener((o, was, now) -> {
            if (now != null) {
                for (int i = 0; i < vm.transcript().size(); i++) {
                    if (vm.transcript().get(i).seq() == now) {
                        transcript.scrollTo(Math.max(0, i - 1));
                        break;
                    }
                }
            }
        });
        VBox right = new VBox(8, title, transcript);
        right.getStyleClass().add("pane");
        VBox.setVgrow(transcript, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.34);
        setCenter(split);
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static final class EntryCell extends ListCell<ConversationsViewModel.Entry> {
        @Override
        protected void updateItem(ConversationsViewModel.Entry e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            Label title = Ui.label(e.title(), "snapshot-message");
            VBox box = new VBox(3, title, Ui.label(e.meta(), "snapshot-meta"));
            if (!e.snippet().isEmpty()) {
                box.getChildren().add(MemoryView.highlighted(e.snippet(), "memory-snippet"));
            }
            box.setMinWidth(0);
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(36));
            box.maxWidthProperty().bind(box.prefWidthProperty());
            setGraphic(box);
        }
    }

    private static final class MessageCell extends ListCell<TranscriptMessage> {
        private final ConversationsViewModel vm;

        MessageCell(ConversationsViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(TranscriptMessage m, boolean empty) {
            super.updateItem(m, empty);
            setText(null);
            if (empty || m == null) {
                setGraphic(null);
                return;
            }
            String role = m.role().wire();
            HBox head = new HBox(10, Ui.label(m.who(), "role", "role-" + role), Ui.spacer(), Ui.label(m.when(), "card-meta"));
            VBox box = new VBox(6, head);
            box.getStyleClass().addAll("message", "message-" + role);
            for (TranscriptMessage.Part p : m.parts()) {
                box.getChildren().add(part(p));
            }
            box.setMinWidth(0);
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
            box.maxWidthProperty().bind(box.prefWidthProperty());
            if (m.role() == Role.TOOL && m.parts().isEmpty()) {
                box.getChildren().add(Ui.label("(empty)", "placeholder"));
            }
            if (m.turn() != null) {
                box.getChildren().add(turn(m.turn()));
            }
            setGraphic(box);
        }

        /** The files an agent turn changed, under the message that started it, and a Rewind button. */
        private javafx.scene.Node turn(TranscriptMessage.TurnFiles t) {
            javafx.scene.control.Button rewind = Ui.button("Rewind", "Put the working copy back to its state before this turn"
                    + " (a safety snapshot is taken first)", () -> vm.rewind(t));
            rewind.setId("rewind-turn-" + t.turn().turn());
            HBox head = new HBox(10, Ui.label(t.heading(), "turn-heading"), Ui.spacer(), rewind);
            head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            VBox files = new VBox(2);
            for (String f : t.files()) {
                files.getChildren().add(Ui.label(f, "turn-file", "change-" + f.substring(0, 1).toLowerCase()));
            }
            VBox box = new VBox(4, head, files);
            box.getStyleClass().add("turn-box");
            return box;
        }

        private static javafx.scene.Node part(TranscriptMessage.Part p) {
            switch (p.kind()) {
                case TEXT -> {
                    Label l = Ui.label(p.text(), "message-text");
                    l.setWrapText(true);
                    return l;
                }
                case CODE -> {
                    Label code = new Label(p.text());
                    code.setWrapText(true);
                    VBox box = new VBox(2);
                    if (p.language() != null) {
                        box.getChildren().add(Ui.label(p.language(), "card-meta"));
                    }
                    box.getChildren().add(code);
                    box.getStyleClass().add("code-block");
                    return box;
                }
                default -> {
                    Label body = new Label(p.text());
                    body.setWrapText(true);
                    VBox inner = new VBox(body);
                    inner.getStyleClass().add("code-block");
                    TitledPane t = new TitledPane(p.title(), inner);
                    t.setExpanded(false);
                    t.getStyleClass().add("tool-pane");
                    return t;
                }
            }
        }
    }
}
