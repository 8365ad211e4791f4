package dev.omni.desktop.viewmodel;

import dev.omni.desktop.task.Errors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The one message line of the window: what went wrong, or what just happened. */
public final class Notifications {
    /** How a message looks. */
    public enum Level { INFO, SUCCESS, ERROR }

    /** A message for people. */
    public record Notice(Level level, String text) {
    }

    private final ReadOnlyObjectWrapper<Notice> current = new ReadOnlyObjectWrapper<>(this, "current");

    public void info(String text) {
        current.set(new Notice(Level.INFO, text));
    }

    public void success(String text) {
        current.set(new Notice(Level.SUCCESS, text));
    }

    public void error(String text) {
        current.set(new Notice(Level.ERROR, text));
    }

    /** Shows what {@code t} means for people; a cancellation shows nothing. */
    public void failed(Throwable t) {
        String m = Errors.describe(t);
        if (m != null) {
            error(m);
        }
    }

    public void clear() {
        current.set(null);
    }

    public ReadOnlyObjectProperty<Notice> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Notice current() {
        return current.get();
    }
}
