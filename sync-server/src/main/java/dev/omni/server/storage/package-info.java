/**
 * Which backends a server or an admin command uses ({@link dev.omni.server.storage.Storage}:
 * SQLite or PostgreSQL, pack files or S3) and moving a single-machine server to PostgreSQL and S3
 * ({@link dev.omni.server.storage.Migration}); the only place, with the stores themselves, that
 * names the store implementations.
 */
package dev.omni.server.storage;
