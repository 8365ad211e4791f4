/**
 * The metadata store's interfaces and records (users, tokens, projects, workspaces, snapshots,
 * changes, the object index); implementations live in subpackages.
 */
package dev.omni.server.store;
