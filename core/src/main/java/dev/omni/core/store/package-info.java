/**
 * The local SQLite database: opening and migrating it, transactions (a write inside a write joins it), the
 * {@code meta} table. The only core package whose public API speaks JDBC.
 */
package dev.omni.core.store;
