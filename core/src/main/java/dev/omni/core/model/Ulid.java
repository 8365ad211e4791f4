package dev.omni.core.model;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * ULIDs (time-ordered, 26 Crockford base-32 characters). Ids made by one generator within the same
 * millisecond are strictly increasing, so they sort in creation order.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private long randHi;  // upper 16 bits of the 80 random bits
    private long randLo;  // lower 64 bits

    public Ulid(Clock clock) {
        this.clock = clock;
        this.random = new SecureRandom();
    }

    public synchronized String next() {
        long now = clock.millis();
        if (now <= lastMillis) {
            now = lastMillis;
            randLo++;
            if (randLo == 0) {
                randHi = (randHi + 1) & 0xFFFF;
            }
        } else {
            lastMillis = now;
            randHi = random.nextInt() & 0xFFFF;
            randLo = random.nextLong();
        }
        return encode(now, randHi, randLo);
    }

    static String encode(long millis, long hi16, long lo64) {
        char[] out = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        // 80 random bits = hi16 (16 bits) followed by lo64; emit 16 characters of 5 bits.
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo64 & 31)];
            lo64 = (lo64 >>> 5) | ((hi16 & 31) << 59);
            hi16 >>>= 5;
        }
        return new String(out);
    }

    public static boolean isValid(String s) {
        if (s == null || s.length() != 26) {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
            if (!ok) {
                return false;
            }
        }
        return s.charAt(0) <= '7';
    }
}
