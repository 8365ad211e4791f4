package dev.omni.desktop.viewmodel;

import dev.omni.core.workspace.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The window: which screen shows, the screens' view models, and how they follow each other (the
 * workspace chosen on the projects screen is the one the history and drift screens show).
 */
public final class MainViewModel {
    private final AppContext app;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(this, "screen", Screen.PROJECTS);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "omni");
    private final ProjectsViewModel projects;
    private final HistoryViewModel history;
    private final DriftViewModel drift;
    private final AccountViewModel account;
    private final MemoryViewModel memory;
    private final NextStepsViewModel nextSteps;
    private final ConversationsViewModel conversations;

    public MainViewModel(AppContext app) {
        this.app = app;
        this.projects = new ProjectsViewModel(app);
        this.history = new HistoryViewModel(app);
        this.drift = new DriftViewModel(app);
        this.account = new AccountViewModel(app);
        this.memory = new MemoryViewModel(app);
        this.nextSteps = new NextStepsViewModel(app);
        this.conversations = new ConversationsViewModel(app);
        projects.selectedWorkspaceProperty().addListener((o, was, now) -> {
            Workspace w = now == null ? null : now.workspace();
            boolean same = was != null && now != null && was.id().equals(now.id());
            if (!same) {
                history.load(w);
                drift.load(w);
            }
            updateTitle();
        });
        projects.selectedProjectProperty().addListener((o, was, now) -> {
            String id = now == null ? null : now.id();
            memory.setProject(id);
            nextSteps.setProject(id);
            conversations.setProject(id);
            updateTitle();
        });
    }

    private void updateTitle() {
        var p = projects.selectedProjectProperty().get();
        var w = projects.selectedWorkspaceProperty().get();
        title.set(p == null ? "omni" : "omni — " + p.name() + (w == null ? "" : " / " + w.name()));
    }

    /** Loads everything for the first time. */
    public void start() {
        projects.refresh();
        account.refresh();
    }

    /** Reloads what the store may have changed (F5, and after every change made here). */
    public void refresh() {
        app.notifications().clear();
        app.events().changed();
        account.refresh();
    }

    public void show(Screen s) {
        screen.set(s);
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public AppContext app() {
        return app;
    }

    public ProjectsViewModel projects() {
        return projects;
    }

    public HistoryViewModel history() {
        return history;
    }

    public DriftViewModel drift() {
        return drift;
    }

    public AccountViewModel account() {
        return account;
    }

    public MemoryViewModel memory() {
        return memory;
    }

    public NextStepsViewModel nextSteps() {
        return nextSteps;
    }

    public ConversationsViewModel conversations() {
        return conversations;
    }
}
