/**
 * The sync API: projects, workspaces and their heads, snapshots (accepted only when complete), the
 * change log, paging; bodies are the wire types of {@code dev.omni.wire}.
 */
package dev.omni.server.sync;
