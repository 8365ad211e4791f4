/**
 * Sync with an omni server over HTTP: push, pull, clone, the change exchange and {@code omni sync}, each driving
 * core's use cases (core.sync keeps the state); no SQL.
 */
package dev.omni.sync;
