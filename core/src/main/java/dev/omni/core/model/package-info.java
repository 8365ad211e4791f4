/**
 * Immutable values every package shares: ids ({@link dev.omni.core.model.ObjectId},
 * {@link dev.omni.core.model.SnapshotId}), trees and their canonical encoding, path rules. The server uses these too.
 */
package dev.omni.core.model;
