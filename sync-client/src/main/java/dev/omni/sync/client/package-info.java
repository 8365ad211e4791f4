/**
 * The HTTP client of the omni server's API: discovery, device login, requests with retry, the batch upload format.
 */
package dev.omni.sync.client;
