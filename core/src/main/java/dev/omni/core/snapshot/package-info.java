/**
 * Snapshots: taking them, reading them back, their DAG (history, ancestors, merge bases), the working copy's
 * status. Owns the {@code snapshots} and {@code snapshot_parents} tables.
 */
package dev.omni.core.snapshot;
