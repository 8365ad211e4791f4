/**
 * The activity log: what happened in the store, recorded in the transaction of what it records, and the other machines'
 * events applied by sync. Owns the {@code activity} table.
 */
package dev.omni.core.activity;
