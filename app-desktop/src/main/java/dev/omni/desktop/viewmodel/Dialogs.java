package dev.omni.desktop.viewmodel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The pending confirmation or prompt, if any; the view shows it, tests answer it. */
public final class Dialogs {
    private final ReadOnlyObjectWrapper<Confirmation> pending = new ReadOnlyObjectWrapper<>(this, "pending");
    private final ReadOnlyObjectWrapper<Prompt> prompt = new ReadOnlyObjectWrapper<>(this, "prompt");

    /** A question that wants one line of text (a snapshot message, a workspace name). */
    public record Prompt(String title, String text, String initial, String confirmLabel, java.util.function.Consumer<String> onAnswer) {
    }

    public void confirm(Confirmation c) {
        prompt.set(null);
        pending.set(c);
    }

    public void ask(Prompt p) {
        pending.set(null);
        prompt.set(p);
    }

    /** The user agreed. */
    public void accept() {
        Confirmation c = pending.get();
        pending.set(null);
        if (c != null) {
            c.onConfirm().run();
        }
    }

    /** The user answered the prompt with {@code text}. */
    public void answer(String text) {
        Prompt p = prompt.get();
        prompt.set(null);
        if (p != null) {
            p.onAnswer().accept(text);
        }
    }

    public void dismiss() {
        pending.set(null);
        prompt.set(null);
    }

    public ReadOnlyObjectProperty<Confirmation> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Prompt> promptProperty() {
        return prompt.getReadOnlyProperty();
    }
}
