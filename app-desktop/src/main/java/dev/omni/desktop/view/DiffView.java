package dev.omni.desktop.view;

import dev.omni.desktop.viewmodel.DiffModel;
import dev.omni.desktop.viewmodel.HistoryViewModel.DiffMode;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The diff viewer: a virtualized list of rows, side by side or unified, with line numbers and
 * the changed words marked. It only draws the {@link DiffModel} its view model made.
 */
final class DiffView extends BorderPane {
    private final ListView<Object> rows = new ListView<>();
    private final Label header = Ui.label("", "diff-header");
    private final Label message = Ui.label("", "placeholder");
    private final ObjectProperty<DiffMode> mode = new SimpleObjectProperty<>(DiffMode.SIDE_BY_SIDE);
    private DiffModel model;

    DiffView(ObservableValue<DiffModel> source, ObservableValue<DiffMode> modeSource, String emptyText) {
        getStyleClass().add("diff-view");
        rows.getStyleClass().add("diff-rows");
        rows.setCellFactory(l -> new RowCell());
        rows.setFocusTraversable(true);
        message.setWrapText(true);
        message.setText(emptyText);
        header.setMaxWidth(Double.MAX_VALUE);
        setTop(header);
        StackPane center = new StackPane(rows, message);
        StackPane.setAlignment(message, Pos.CENTER);
        setCenter(center);
        if (modeSource != null) {
            mode.bind(modeSource);
        }
        source.addListener((o, was, now) -> show(now, emptyText));
        mode.addListener((o, was, now) -> show(model, emptyText));
        show(source.getValue(), emptyText);
    }

    private void show(DiffModel m, String emptyText) {
        model = m;
        if (m == null) {
            header.setText("");
            rows.getItems().clear();
            rows.setVisible(false);
            message.setText(emptyText);
            message.setVisible(true);
            return;
        }
        header.setText(m.path() + (m.hasRows() && (m.added() > 0 || m.removed() > 0) ? "    +" + m.added() + "  −" + m.removed() : ""));
        if (!m.hasRows()) {
            rows.getItems().clear();
            rows.setVisible(false);
            message.setText(m.message());
            message.setVisible(true);
            return;
        }
        message.setVisible(false);
        rows.setVisible(true);
        List<?> items = mode.get() == DiffMode.UNIFIED ? m.unified() : m.split();
        rows.getItems().setAll(items);
        rows.scrollTo(0);
    }

    ListView<Object> rows() {
        return rows;
    }

    private static String number(int n) {
        return n <= 0 ? "" : Integer.toString(n);
    }

    private static TextFlow flow(List<DiffModel.Segment> segments, DiffModel.Kind kind) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add("code");
        for (DiffModel.Segment s : segments) {
            if (s.changed() && !s.text().isBlank() && s.text().length() <= 60) {
                // A short changed run gets a background; Text nodes cannot have one, labels can.
                Label chip = new Label(s.text());
                chip.getStyleClass().add(kind == DiffModel.Kind.REMOVED ? "word-chip-removed" : "word-chip-added");
                chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                f.getChildren().add(chip);
                continue;
            }
            Text t = new Text(s.text());
            t.getStyleClass().add("code-text");
            if (s.changed()) {
                t.getStyleClass().add(kind == DiffModel.Kind.REMOVED ? "word-removed" : "word-added");
            }
            f.getChildren().add(t);
        }
        if (segments.isEmpty() || segments.stream().allMatch(s -> s.text().isEmpty())) {
            f.getChildren().add(new Text(" "));
        }
        return f;
    }

    private static String kindClass(DiffModel.Kind k) {
        return switch (k) {
            case ADDED -> "line-added";
            case REMOVED -> "line-removed";
            case HUNK -> "line-hunk";
            case EMPTY -> "line-empty";
            default -> "line-context";
        };
    }

    private static final class RowCell extends ListCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (item instanceof DiffModel.UnifiedRow u) {
                HBox box = new HBox();
                box.getStyleClass().addAll("diff-row", kindClass(u.kind()));
                if (u.kind() == DiffModel.Kind.HUNK) {
                    box.getChildren().add(Ui.label(u.text(), "hunk-text"));
                } else {
                    String marker = u.kind() == DiffModel.Kind.ADDED ? "+" : u.kind() == DiffModel.Kind.REMOVED ? "−" : " ";
                    TextFlow f = flow(u.segments(), u.kind());
                    HBox.setHgrow(f, Priority.ALWAYS);
                    if (u.oldLine() == 0 && u.kind() == DiffModel.Kind.CONTEXT) {
                        // A file shown whole (the file viewer): one column of numbers.
                        box.getChildren().addAll(Ui.label(number(u.newLine()), "line-no"), f);
                    } else {
                        box.getChildren().addAll(Ui.label(number(u.oldLine()), "line-no"), Ui.label(number(u.newLine()), "line-no"),
                                Ui.label(marker, "marker"), f);
                    }
                }
                setGraphic(box);
            } else if (item instanceof DiffModel.SplitRow s) {
                HBox box = new HBox();
                box.getStyleClass().add("diff-row");
                box.getChildren().addAll(half(s.left()), half(s.right()));
                setGraphic(box);
            }
        }

        private HBox half(DiffModel.Cell c) {
            HBox h = new HBox();
            h.getStyleClass().addAll("diff-half", kindClass(c.kind()));
            h.setMinWidth(0);
            h.prefWidthProperty().bind(getListView().widthProperty().subtract(24).divide(2));
            h.maxWidthProperty().bind(h.prefWidthProperty());
            if (c.kind() == DiffModel.Kind.HUNK) {
                h.getChildren().add(Ui.label(c.text(), "hunk-text"));
            } else {
                TextFlow f = flow(c.segments(), c.kind());
                HBox.setHgrow(f, Priority.ALWAYS);
                h.getChildren().addAll(Ui.label(number(c.line()), "line-no"), f);
            }
            return h;
        }
    }
}
