package dev.omni.core;

/** Receives problems that do not stop the work (an unreadable file, a file that changed while read). */
@FunctionalInterface
public interface Warnings {
    Warnings IGNORE = (path, message) -> {
    };

    void warn(String path, String message);
}
