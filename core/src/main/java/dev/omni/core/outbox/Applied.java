package dev.omni.core.outbox;

/** What applying another device's change (sync) did to this store. */
public enum Applied {
    /** The record was new here, or the other version won: it is now the current one. */
    APPLIED,
    /** This store already holds exactly that version (or that message). */
    UNCHANGED,
    /** The version here is newer and stays (a memory item keeps the other in its history). */
    SUPERSEDED,
    /** It could not be placed: the conversation of a message is not here, or was removed here. */
    SKIPPED
}
