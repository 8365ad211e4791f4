/**
 * The embedded metadata store on one SQLite file: its migrations, the reader pool and checkpointer,
 * and the SQL of every repository.
 */
package dev.omni.server.store.sqlite;
