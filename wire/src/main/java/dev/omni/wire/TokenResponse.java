package dev.omni.wire;

/** What the token endpoint answers once a code was approved (RFC 6749 section 5.1). */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
}
