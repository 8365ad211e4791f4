package dev.omni.core.util;

/** Sizes for people. */
public final class Bytes {
    private Bytes() {
    }

    public static String human(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v)) + " " + units[u];
    }
}
