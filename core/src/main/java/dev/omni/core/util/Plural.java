package dev.omni.core.util;

/** A count with its noun for people: "1 file", "2 files", "0 files". */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and {@code singular}, with an s when {@code n} is not 1. */
    public static String of(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }

    /** {@code n} and the noun, for nouns whose plural is not the singular and an s ("match", "matches"). */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
