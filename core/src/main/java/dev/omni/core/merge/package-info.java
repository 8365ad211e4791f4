/**
 * Drift between workspaces and three-way merges of them, with merges in progress. Owns the {@code merge_state} and
 * {@code drift_reports} tables.
 */
package dev.omni.core.merge;
