/**
 * The sync protocol's wire types, the one definition client and server share (PROTOCOL.md,
 * BATCH-FORMAT.md): the batch framing, media types, limits, the JSON encoding and every request and
 * response body. Ids are the strings and bytes that travel; each side turns them into its own types.
 */
package dev.omni.wire;
