package dev.omni.desktop.viewmodel;

import dev.omni.core.Omni;
import dev.omni.core.semantic.SemanticIndex;
import dev.omni.desktop.task.TaskExecutor;

/**
 * What every view model shares: the opened omni home (the same core use cases as the CLI), the
 * task executor, the window's message line and dialogs, what the window remembers, and the seams
 * to the outside (login, daemon, browser), and the semantic index, whose model stays loaded once a
 * search needed it.
 */
public record AppContext(Omni omni, TaskExecutor tasks, Notifications notifications, Dialogs dialogs, DesktopPrefs prefs,
                         Accounts accounts, DaemonSwitch daemon, Browser browser, StoreEvents events, SemanticIndex semantic) {
    /** Who the app records as the actor and snapshot source. */
    public static final String SOURCE = "gui";
}
