/**
 * Snapshots to archives ({@code .tar.zst}, {@code .tar.gz}, {@code .zip}) and archives back to snapshots.
 */
package dev.omni.core.archive;
