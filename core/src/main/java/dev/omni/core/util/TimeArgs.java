package dev.omni.core.util;

import dev.omni.core.OmniException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Points in time as people type them on the command line. */
public final class TimeArgs {
    private TimeArgs() {
    }

    /**
     * {@code 2026-11-01} (midnight UTC), {@code 2026-11-01T12:00:00Z}, or an age: {@code 30m},
     * {@code 12h}, {@code 7d}, {@code 2w} before {@code now}.
     */
    public static Instant since(String text, Instant now) {
        String s = text.trim();
        try {
            if (s.matches("\\d+[mhdw]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                Duration d = switch (s.charAt(s.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
                return now.minus(d);
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw OmniException.invalid("not a date: '" + text + "' (use 2026-11-01, 2026-11-01T12:00:00Z, or an age like 7d, 12h, 2w)");
        }
    }
}
