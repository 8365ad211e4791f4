/**
 * Making and removing working copies: init (with the first snapshot), forking a workspace from a snapshot,
 * removing one. Above snapshot and restore, which it uses; no tables.
 */
package dev.omni.core.lifecycle;
