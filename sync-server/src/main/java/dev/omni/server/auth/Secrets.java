package dev.omni.server.auth;

import dev.omni.core.model.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets and how they are kept: 32 random bytes, URL-safe base64, and only their SHA-256
 * in the database, so a copy of the database lets nobody in.
 */
public final class Secrets {
    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = random;
    }

    /** A new secret of {@code bytes} random bytes, base64url without padding, after {@code prefix}. */
    public String newSecret(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public int randomInt(int bound) {
        return random.nextInt(bound);
    }

    /** The lookup key of a secret: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String secret) {
        return Hashing.sha256(secret.getBytes(StandardCharsets.UTF_8)).hex();
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
