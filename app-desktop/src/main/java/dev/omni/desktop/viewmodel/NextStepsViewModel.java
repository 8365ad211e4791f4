package dev.omni.desktop.viewmodel;

import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.memory.NextStatus;
import dev.omni.desktop.task.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The project's next steps as a small board: pending, started, done; cards move between columns. */
public final class NextStepsViewModel {
    static final int DONE_SHOWN = 30;

    private final AppContext app;
    private String projectId;
    private final ObservableList<MemoryItem> pending = FXCollections.observableArrayList();
    private final ObservableList<MemoryItem> started = FXCollections.observableArrayList();
    private final ObservableList<MemoryItem> done = FXCollections.observableArrayList();
    private final StringProperty newStep = new SimpleStringProperty(this, "newStep", "");

    public NextStepsViewModel(AppContext app) {
        this.app = app;
        app.events().listen(this::reload);
    }

    public void setProject(String id) {
        this.projectId = id;
        reload();
    }

    public void reload() {
        String p = projectId;
        app.tasks().submit(Task.of("Loading next steps", ctx -> new MemoryService(app.omni()).list(MemoryFilter.applyingTo(p)
                .withType(MemoryType.NEXT_STEP))).key("next-steps").quiet().onSuccess(all -> {
                    List<MemoryItem> sorted = new ArrayList<>(all);
                    sorted.sort(MemoryService.NEXT_ORDER);
                    pending.setAll(sorted.stream().filter(i -> i.status() == NextStatus.PENDING).toList());
                    started.setAll(sorted.stream().filter(i -> i.status() == NextStatus.STARTED).toList());
                    done.setAll(all.stream().filter(i -> i.status() == NextStatus.COMPLETED)
                            .sorted(Comparator.comparing(MemoryItem::updatedAt).reversed()).limit(DONE_SHOWN).toList());
                }));
    }

    /** Moves a card: pending → started → done, or back. */
    public void move(MemoryItem item, NextStatus to) {
        app.tasks().submit(Task.of("Moving a next step", ctx -> new MemoryService(app.omni()).setStatus(item.id(), to))
                .onSuccess(i -> app.events().changed()));
    }

    /** Adds the text in the field as a pending next step of the project. */
    public void add() {
        String text = newStep.get() == null ? "" : newStep.get().strip();
        if (text.isEmpty()) {
            return;
        }
        String p = projectId;
        app.tasks().submit(Task.of("Adding a next step", ctx -> new MemoryService(app.omni()).add(new MemoryService.NewItem(p,
                MemoryType.NEXT_STEP, text, null, null, null, null, List.of(), null, AppContext.SOURCE, null))).onSuccess(i -> {
                    newStep.set("");
                    app.events().changed();
                }));
    }

    public ObservableList<MemoryItem> pending() {
        return pending;
    }

    public ObservableList<MemoryItem> started() {
        return started;
    }

    public ObservableList<MemoryItem> done() {
        return done;
    }

    public StringProperty newStepProperty() {
        return newStep;
    }
}
