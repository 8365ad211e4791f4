/**
 * Finding secrets (API keys, tokens, private keys, passwords in URLs and assignments) in transcripts
 * and tool output, and replacing them with {@code [REDACTED:kind]}. No storage here: the conversation
 * use cases apply it at import and to a stored store.
 */
package dev.omni.core.redact;
