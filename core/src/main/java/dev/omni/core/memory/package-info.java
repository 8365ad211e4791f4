/**
 * The project's memory: facts, decisions, preferences, next steps, notes; search, history, transfer, the context
 * digest. Owns the {@code memory_items}, {@code memory_history} and {@code memory_fts} tables.
 */
package dev.omni.core.memory;
