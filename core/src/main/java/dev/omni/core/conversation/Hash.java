package dev.omni.core.conversation;

import dev.omni.core.model.Hashing;
import java.nio.charset.StandardCharsets;

/** Short content hashes that key lines and conversations a transcript gives no id. */
final class Hash {
    private Hash() {
    }

    /** The first 128 bits of the SHA-256 of {@code text}, in hex. */
    static String of(String text) {
        return Hashing.sha256(text.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    }
}
