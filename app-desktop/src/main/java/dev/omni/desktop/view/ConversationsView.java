package dev.omni.desktop.view;

import javafx.scene.layout.BorderPane;

/** Placeholder until the memory and conversation services are merged. */
final class ConversationsView extends BorderPane {
    ConversationsView(Object vm) {
        getStyleClass().add("screen");
    }

    void focusSearch() {
    }
}
