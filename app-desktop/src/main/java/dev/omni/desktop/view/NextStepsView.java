package dev.omni.desktop.view;

import javafx.scene.layout.BorderPane;

/** Placeholder until the memory and conversation services are merged. */
final class NextStepsView extends BorderPane {
    NextStepsView(Object vm) {
        getStyleClass().add("screen");
    }

    void focusSearch() {
    }
}
