/**
 * What every omni SQLite file shares, the local store and the server's embedded metadata store
 * alike: how a connection is opened (WAL, foreign keys, busy timeout), Flyway migration, write
 * transactions and statement helpers with {@code IN}-list chunking. No schema lives here.
 */
package dev.omni.core.store.sqlite;
