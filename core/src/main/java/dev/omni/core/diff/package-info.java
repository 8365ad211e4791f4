/**
 * Differences between two trees (stored or scanned) and line diffs of files; no tables.
 */
package dev.omni.core.diff;
