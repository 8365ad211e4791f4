package dev.omni.desktop.viewmodel;

/** Opens a link in the user's browser. */
@FunctionalInterface
public interface Browser {
    void open(String uri);
}
