package dev.omni.core.model;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The id of an object in the store: the SHA-256 of its raw bytes. Immutable; compares by value,
 * and orders by its bytes so that sorted ids match sorted hex strings.
 */
public final class ObjectId implements Comparable<ObjectId> {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private ObjectId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps 32 bytes (copied). */
    public static ObjectId fromBytes(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("an object id has 32 bytes, not " + raw.length);
        }
        return new ObjectId(raw.clone());
    }

    /** Takes ownership of a freshly computed digest without copying. */
    static ObjectId ofDigest(byte[] digest) {
        return new ObjectId(digest);
    }

    /** Parses 64 lowercase hex digits; anything else is an {@link IllegalArgumentException}. */
    public static ObjectId parse(String hex) {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("not an object id (64 lowercase hex digits): " + hex);
        }
        return new ObjectId(HEX.parseHex(hex));
    }

    public static boolean isValid(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the 32 raw bytes into {@code out} at {@code offset}. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    public String abbrev() {
        return hex().substring(0, 12);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(ObjectId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
