package dev.omni.desktop.view;

import dev.omni.core.workspace.Project;
import dev.omni.desktop.task.TaskStatus;
import dev.omni.desktop.viewmodel.MainViewModel;
import dev.omni.desktop.viewmodel.Notifications;
import dev.omni.desktop.viewmodel.Screen;
import dev.omni.desktop.viewmodel.WorkspaceRow;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The window's frame: sidebar, project and workspace pickers, message line, screen, status bar, sheets. */
public final class MainView extends StackPane {
    private final MainViewModel vm;
    private final Map<Screen, Node> screens = new EnumMap<>(Screen.class);
    private final StackPane content = new StackPane();
    private HistoryView history;
    private final Runnable focusSearch;

    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("main");
        BorderPane frame = new BorderPane();
        frame.setLeft(sidebar());
        frame.setTop(header());
        frame.setBottom(statusBar(vm.app().tasks().status()));
        history = new HistoryView(vm.history());
        MemoryView memory = new MemoryView(vm.memory());
        ConversationsView conversations = new ConversationsView(vm.conversations());
        screens.put(Screen.PROJECTS, new ProjectsView(vm.projects()));
        screens.put(Screen.HISTORY, history);
        screens.put(Screen.DRIFT, new DriftView(vm.drift()));
        screens.put(Screen.MEMORY, memory);
        screens.put(Screen.NEXT_STEPS, new NextStepsView(vm.nextSteps()));
        screens.put(Screen.CONVERSATIONS, conversations);
        screens.put(Screen.ACCOUNT, new AccountView(vm.account()));
        focusSearch = () -> {
            if (vm.screenProperty().get() == Screen.MEMORY) {
                memory.focusSearch();
            } else if (vm.screenProperty().get() == Screen.CONVERSATIONS) {
                conversations.focusSearch();
            } else {
                vm.show(Screen.MEMORY);
                memory.focusSearch();
            }
        };
        content.getStyleClass().add("content");
        frame.setCenter(content);
        vm.screenProperty().addListener((o, was, now) -> showScreen(now));
        showScreen(vm.screenProperty().get());
        getChildren().addAll(frame, new SheetView(vm.app().dialogs()));
    }

    private void showScreen(Screen s) {
        content.getChildren().setAll(screens.get(s));
    }

    private VBox sidebar() {
        VBox box = new VBox(4);
        box.getStyleClass().add("sidebar");
        Label brand = Ui.label("omni", "brand");
        box.getChildren().add(brand);
        ToggleGroup group = new ToggleGroup();
        int n = 1;
        for (Screen s : Screen.values()) {
            ToggleButton b = new ToggleButton(s.label());
            b.setId("nav-" + s.name().toLowerCase());
            b.getStyleClass().add("nav");
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setTooltip(new Tooltip("Ctrl+" + n));
            b.setOnAction(e -> vm.show(s));
            b.setSelected(vm.screenProperty().get() == s);
            vm.screenProperty().addListener((o, was, now) -> b.setSelected(now == s));
            box.getChildren().add(b);
            n++;
        }
        javafx.scene.layout.Region fill = new javafx.scene.layout.Region();
        VBox.setVgrow(fill, Priority.ALWAYS);
        Label sync = Ui.label("", "sidebar-sync");
        sync.setWrapText(true);
        sync.textProperty().bind(vm.projects().syncStateProperty());
        box.getChildren().addAll(fill, sync);
        return box;
    }

    private VBox header() {
        ComboBox<Project> project = Ui.id(new ComboBox<>(vm.projects().projects()), "projectPicker");
        project.valueProperty().bindBidirectional(vm.projects().selectedProjectProperty());
        project.setButtonCell(projectCell());
        project.setCellFactory(l -> projectCell());
        project.setPrefWidth(220);
        ComboBox<WorkspaceRow> workspace = Ui.id(new ComboBox<>(vm.projects().workspaces()), "workspacePicker");
        workspace.valueProperty().bindBidirectional(vm.projects().selectedWorkspaceProperty());
        workspace.setPrefWidth(220);
        Label title = Ui.label("", "window-title");
        title.textProperty().bind(vm.titleProperty());
        HBox bar = Ui.toolbar(Ui.label("Project", "field-label"), project, Ui.label("Workspace", "field-label"), workspace,
                Ui.spacer(), Ui.button("Refresh", "Reload everything (F5)", vm::refresh));
        bar.getStyleClass().add("header");

        Label notice = Ui.id(Ui.label("", "notice"), "notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notice, Priority.ALWAYS);
        Button close = Ui.button("✕", "Dismiss (Esc)", vm.app().notifications()::clear);
        close.getStyleClass().add("notice-close");
        HBox noticeBar = new HBox(8, notice, close);
        noticeBar.setAlignment(Pos.CENTER_LEFT);
        noticeBar.getStyleClass().add("notice-bar");
        noticeBar.setVisible(false);
        noticeBar.setManaged(false);
        vm.app().notifications().currentProperty().addListener((o, was, now) -> {
            noticeBar.getStyleClass().removeAll("notice-info", "notice-success", "notice-error");
            noticeBar.setVisible(now != null);
            noticeBar.setManaged(now != null);
            if (now != null) {
                notice.setText(now.text());
                noticeBar.getStyleClass().add("notice-" + now.level().name().toLowerCase());
            }
        });
        return new VBox(bar, noticeBar);
    }

    private static ListCell<Project> projectCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Project p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
            }
        };
    }

    private HBox statusBar(TaskStatus st) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        bar.progressProperty().bind(st.progressProperty());
        bar.visibleProperty().bind(st.busyProperty());
        Label title = Ui.id(Ui.label("", "status-title"), "statusTitle");
        title.textProperty().bind(st.titleProperty());
        Label msg = Ui.label("", "status-message");
        msg.textProperty().bind(st.messageProperty());
        Button cancel = Ui.button("Cancel", "Stop the running work (Esc)", st::cancelAll);
        cancel.visibleProperty().bind(st.busyProperty().and(st.cancellableProperty()));
        Label ready = Ui.label("Ready", "status-title");
        ready.visibleProperty().bind(st.busyProperty().not());
        ready.managedProperty().bind(ready.visibleProperty());
        HBox box = new HBox(10, ready, bar, title, msg, Ui.spacer(), cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("status-bar");
        return box;
    }

    /** The keyboard shortcuts of the main actions. */
    public void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        int n = 1;
        for (Screen s : Screen.values()) {
            acc.put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + n), KeyCombination.SHORTCUT_DOWN), () -> vm.show(s));
            n++;
        }
        acc.put(new KeyCodeCombination(KeyCode.F5), vm::refresh);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::refresh);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), vm.projects()::snapshot);
        acc.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.show(Screen.HISTORY);
            vm.history().compareWithWorkingCopy();
        });
        acc.put(new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN), vm.history()::toggleMode);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
            vm.show(Screen.HISTORY);
            vm.history().restoreSnapshot();
        });
        acc.put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.show(Screen.DRIFT);
            vm.drift().startMerge();
        });
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), focusSearch);
        acc.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.show(Screen.MEMORY);
            vm.memory().newItem();
        });
        acc.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), () -> {
            vm.show(Screen.ACCOUNT);
            vm.account().login();
        });
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                if (vm.app().dialogs().pendingProperty().get() != null || vm.app().dialogs().promptProperty().get() != null) {
                    vm.app().dialogs().dismiss();
                } else if (vm.app().tasks().status().busyProperty().get()) {
                    vm.app().tasks().status().cancelAll();
                } else {
                    vm.app().notifications().clear();
                }
                e.consume();
            }
        });
    }

    /** Opens the file tree at {@code node} and selects it. */
    public void revealFile(dev.omni.desktop.viewmodel.FileNode node) {
        history.revealFile(node);
    }

    /** Shows the history screen's file tree tab. */
    public void showFilesTab() {
        vm.show(Screen.HISTORY);
        history.showFiles();
    }

    /** Shows the history screen's changes tab. */
    public void showChangesTab() {
        vm.show(Screen.HISTORY);
        history.showChanges();
    }
}
