package dev.omni.server.testing;

/** An account created by {@link TestServer}, with the password it was given. */
public record TestUser(String id, String email, String password) {
}
