/**
 * Checking the store (fsck) and deleting what no snapshot reaches (gc); no tables of its own.
 */
package dev.omni.core.maintenance;
