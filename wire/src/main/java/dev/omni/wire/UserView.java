package dev.omni.wire;

/** {@code GET /v1/me}: the signed-in user. */
public record UserView(String id, String email, String name) {
}
