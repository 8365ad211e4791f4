/**
 * Projects and workspaces: finding the one a directory belongs to, listing, renaming, the main workspace, heads and
 * merge history. Owns the {@code projects} and {@code workspaces} tables.
 */
package dev.omni.core.workspace;
