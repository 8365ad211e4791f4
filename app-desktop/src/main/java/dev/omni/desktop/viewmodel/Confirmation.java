package dev.omni.desktop.viewmodel;

/**
 * A question the window asks before something that changes files (restore, merge, remove): the
 * view shows it as a sheet over the window; {@code onConfirm} runs when the user agrees.
 */
public record Confirmation(String title, String text, String confirmLabel, boolean danger, Runnable onConfirm) {
}
