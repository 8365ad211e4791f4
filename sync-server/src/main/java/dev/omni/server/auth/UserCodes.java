package dev.omni.server.auth;

import java.util.Locale;

/**
 * RFC 8628 user codes: 8 letters from an alphabet without vowels (no words) and without letters
 * that look alike, shown as {@code XXXX-XXXX}, compared case-insensitively ignoring dashes and
 * spaces. 20^8 ≈ 2.6e10 codes; with sign-in and code entry rate limited, guessing a live one is
 * hopeless.
 */
public final class UserCodes {
    public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

    private UserCodes() {
    }

    /** A new code in normalised form (8 letters, no dash). */
    public static String generate(Secrets secrets) {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET.charAt(secrets.randomInt(ALPHABET.length()));
        }
        return new String(c);
    }

    /** Upper-cases and drops dashes and whitespace; null when the result is not a possible code. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < typed.length(); i++) {
            char ch = typed.charAt(i);
            if (ch == '-' || Character.isWhitespace(ch)) {
                continue;
            }
            b.append(Character.toUpperCase(ch));
        }
        String s = b.toString().toUpperCase(Locale.ROOT);
        if (s.length() != 8) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return null;
            }
        }
        return s;
    }

    /** {@code WDJBMJHT} → {@code WDJB-MJHT}. */
    public static String display(String normalised) {
        return normalised.substring(0, 4) + "-" + normalised.substring(4);
    }
}
