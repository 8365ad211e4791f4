/**
 * The store's side of sync: what is known of each server (remote projects, workspaces, snapshots, cursors), the
 * change log and its inbox, importing what a pull brings, and the {@link dev.omni.core.sync.SyncPlanner} that says what
 * a sync has to do. Owns the {@code remote_*}, {@code sync_cursors} and {@code inbox} tables; no network.
 */
package dev.omni.core.sync;
