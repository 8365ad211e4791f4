package dev.omni.core.util;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Timestamps as stored: ISO-8601 UTC with milliseconds, so that they sort as text. */
public final class Times {
    private Times() {
    }

    /** {@code 2026-11-21T22:39:15.123Z}. Written by hand: java.time's formatters cost a CLI start-up. */
    public static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(24);
        int y = d.getYear();
        if (y < 0 || y > 9999) {
            return t.toString();
        }
        pad(b, y, 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2).append('T');
        pad(b, d.getHour(), 2).append(':');
        pad(b, d.getMinute(), 2).append(':');
        pad(b, d.getSecond(), 2).append('.');
        pad(b, t.getNano() / 1_000_000, 3).append('Z');
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    public static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }

    /** "3 minutes ago", "2 days ago": for people, relative to {@code now}. */
    public static String ago(Instant t, Instant now) {
        long s = Math.max(0, now.getEpochSecond() - t.getEpochSecond());
        if (s < 60) {
            return s <= 1 ? "just now" : s + " seconds ago";
        }
        long m = s / 60;
        if (m < 60) {
            return m == 1 ? "1 minute ago" : m + " minutes ago";
        }
        long h = m / 60;
        if (h < 48) {
            return h == 1 ? "1 hour ago" : h + " hours ago";
        }
        long d = h / 24;
        if (d < 60) {
            return d + " days ago";
        }
        return format(t).substring(0, 10);
    }
}
