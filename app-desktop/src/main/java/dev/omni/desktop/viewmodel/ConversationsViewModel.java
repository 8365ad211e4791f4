package dev.omni.desktop.viewmodel;

/** Placeholder until the memory and conversation services are merged. */
public final class ConversationsViewModel {
    private final AppContext app;
    private String projectId;

    public ConversationsViewModel(AppContext app) {
        this.app = app;
    }

    public void setProject(String id) {
        this.projectId = id;
    }

    public void search() {
    }

    public void reload() {
    }

    public void openFirst() {
    }
}
