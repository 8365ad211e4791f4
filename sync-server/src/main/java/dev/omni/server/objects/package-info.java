/**
 * Object bytes per user: the object store interface, its pack-file implementation with recovery, and
 * the object endpoints (single, missing, batch).
 */
package dev.omni.server.objects;
