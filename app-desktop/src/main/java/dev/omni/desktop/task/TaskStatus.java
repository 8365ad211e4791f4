package dev.omni.desktop.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The tasks that show in the status bar, as observable properties. Changed only on the UI thread
 * (the executors see to it); read by the status bar's view model and the tests.
 */
public final class TaskStatus {
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final Map<Object, Entry> running = new LinkedHashMap<>();

    /** One running task as the status bar knows it. */
    static final class Entry {
        final String title;
        final boolean cancellable;
        final TaskHandle handle;
        String message = "";
        double progress = -1;

        Entry(String title, boolean cancellable, TaskHandle handle) {
            this.title = title;
            this.cancellable = cancellable;
            this.handle = handle;
        }
    }

    void started(Object id, String t, boolean canCancel, TaskHandle handle) {
        running.put(id, new Entry(t, canCancel, handle));
        refresh();
    }

    void progressed(Object id, double fraction, String text) {
        Entry e = running.get(id);
        if (e != null) {
            e.progress = fraction;
            if (text != null) {
                e.message = text;
            }
            refresh();
        }
    }

    void finished(Object id) {
        running.remove(id);
        refresh();
    }

    private void refresh() {
        Entry last = null;
        boolean anyCancellable = false;
        for (Entry e : running.values()) {
            last = e;
            anyCancellable |= e.cancellable;
        }
        busy.set(last != null);
        cancellable.set(anyCancellable);
        title.set(last == null ? "" : last.title + (running.size() > 1 ? " (+" + (running.size() - 1) + " more)" : ""));
        message.set(last == null ? "" : last.message);
        progress.set(last == null ? 0 : last.progress);
    }

    /** Cancels every running task that can be cancelled. */
    public void cancelAll() {
        List<Entry> now = new ArrayList<>(running.values());
        for (Entry e : now) {
            if (e.cancellable) {
                e.handle.cancel();
            }
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
