package dev.omni.wire;

/**
 * Every error answer: a code for programs and a message for people (PROTOCOL.md); some errors add
 * fields beside them (a stale head its current head). The OAuth endpoints answer RFC 6749's
 * {@code error_description} as well.
 */
public record ErrorBody(String error, String message, String errorDescription) {
}
