/**
 * The omni sync server: its composition root ({@link dev.omni.server.OmniServer} wires the packages
 * together) and the vocabulary every package shares (errors and their codes, options, id checks).
 */
package dev.omni.server;
