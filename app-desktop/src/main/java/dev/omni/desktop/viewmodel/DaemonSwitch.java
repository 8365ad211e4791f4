package dev.omni.desktop.viewmodel;

import java.util.Optional;

/** The background daemon, as the settings screen turns it on and off. */
public interface DaemonSwitch {
    /** The running daemon's pid. */
    Optional<Long> running();

    long start();

    boolean stop();
}
