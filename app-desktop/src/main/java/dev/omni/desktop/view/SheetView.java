package dev.omni.desktop.view;

import dev.omni.desktop.viewmodel.Confirmation;
import dev.omni.desktop.viewmodel.Dialogs;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Confirmations and prompts as a sheet over the window (no second window: it never hides behind). */
final class SheetView extends StackPane {
    SheetView(Dialogs dialogs) {
        getStyleClass().add("sheet-backdrop");
        setVisible(false);
        dialogs.pendingProperty().addListener((o, was, now) -> refresh(dialogs));
        dialogs.promptProperty().addListener((o, was, now) -> refresh(dialogs));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                dialogs.dismiss();
                e.consume();
            }
        });
    }

    private void refresh(Dialogs d) {
        Confirmation c = d.pendingProperty().get();
        Dialogs.Prompt p = d.promptProperty().get();
        getChildren().clear();
        if (c == null && p == null) {
            setVisible(false);
            return;
        }
        VBox card = new VBox(14);
        card.getStyleClass().add("sheet");
        card.setMaxWidth(560);
        card.setMaxHeight(USE_PREF_SIZE);
        Button cancel = Ui.id(Ui.button("Cancel", "Esc", d::dismiss), "sheetCancel");
        cancel.setCancelButton(true);
        if (c != null) {
            Label text = Ui.label(c.text(), "sheet-text");
            text.setWrapText(true);
            Button ok = Ui.id(Ui.button(c.confirmLabel(), null, d::accept), "sheetConfirm");
            ok.setDefaultButton(true);
            if (c.danger()) {
                ok.getStyleClass().add("danger");
            }
            card.getChildren().addAll(Ui.label(c.title(), "sheet-title"), text, Ui.toolbar(Ui.spacer(), cancel, ok));
            setVisible(true);
            ok.requestFocus();
        } else {
            Label text = Ui.label(p.text(), "sheet-text");
            text.setWrapText(true);
            TextField field = Ui.id(new TextField(p.initial()), "sheetField");
            Button ok = Ui.id(Ui.button(p.confirmLabel(), null, () -> d.answer(field.getText())), "sheetConfirm");
            ok.setDefaultButton(true);
            card.getChildren().addAll(Ui.label(p.title(), "sheet-title"), text, field, Ui.toolbar(Ui.spacer(), cancel, ok));
            setVisible(true);
            field.requestFocus();
        }
        StackPane.setAlignment(card, Pos.CENTER);
        getChildren().add(card);
    }
}
