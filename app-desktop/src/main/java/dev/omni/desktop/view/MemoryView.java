package dev.omni.desktop.view;

import javafx.scene.layout.BorderPane;

/** Placeholder until the memory and conversation services are merged. */
final class MemoryView extends BorderPane {
    MemoryView(Object vm) {
        getStyleClass().add("screen");
    }

    void focusSearch() {
    }
}
