/**
 * Putting a snapshot's files back, into a directory or the working copy (after a safety snapshot); no tables.
 */
package dev.omni.core.restore;
