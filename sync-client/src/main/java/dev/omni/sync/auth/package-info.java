/**
 * Logging in with the device code flow and keeping the token (OS keyring, or a 0600 file).
 */
package dev.omni.sync.auth;
