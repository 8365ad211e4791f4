/**
 * The background daemon: a scheduler on the home's clock that watches workspaces, snapshots them, and runs the
 * sync plan; its control from outside and its typed status.
 */
package dev.omni.sync.daemon;
