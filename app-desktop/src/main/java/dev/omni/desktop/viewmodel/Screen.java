package dev.omni.desktop.viewmodel;

/** The screens of the window, in the order of the sidebar and of their shortcuts (Ctrl+1 …). */
public enum Screen {
    PROJECTS("Projects"), HISTORY("History"), DRIFT("Drift & merge"), MEMORY("Memory"), NEXT_STEPS("Next steps"),
    CONVERSATIONS("Conversations"), ACCOUNT("Account & settings");

    private final String label;

    Screen(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
