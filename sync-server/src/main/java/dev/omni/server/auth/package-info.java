/**
 * Accounts and authorization: passwords, the device authorization grant (RFC 8628) and its OAuth
 * endpoints, access tokens and the rate limits of sign-in and token requests.
 */
package dev.omni.server.auth;
