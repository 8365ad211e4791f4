/**
 * The omni home on disk: where the database, objects, caches, logs and config live, and the file locks that keep
 * omni processes apart.
 */
package dev.omni.core.home;
