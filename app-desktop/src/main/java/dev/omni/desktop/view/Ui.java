package dev.omni.desktop.view;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small helpers the views share. */
final class Ui {
    private Ui() {
    }

    static Label label(String text, String... styles) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styles);
        return l;
    }

    static Button button(String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        if (tooltip != null) {
            b.setTooltip(new Tooltip(tooltip));
        }
        b.setOnAction(e -> action.run());
        return b;
    }

    static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    static HBox toolbar(Node... nodes) {
        HBox h = new HBox(8, nodes);
        h.getStyleClass().add("toolbar");
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

    static <T extends Node> T id(T node, String id) {
        node.setId(id);
        return node;
    }
}
