/**
 * The outbox of this device's changes waiting for the server; appended in the transaction of each change. Owns
 * the {@code outbox} table.
 */
package dev.omni.core.outbox;
