package dev.omni.core.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the hash that names every object. */
public final class Hashing {
    private Hashing() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public static ObjectId sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    public static ObjectId sha256(byte[] data, int offset, int length) {
        MessageDigest md = newDigest();
        md.update(data, offset, length);
        return ObjectId.ofDigest(md.digest());
    }

    /** Finishes {@code md} and returns its id; the digest is reset. */
    public static ObjectId finish(MessageDigest md) {
        return ObjectId.ofDigest(md.digest());
    }
}
