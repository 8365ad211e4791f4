package dev.omni.desktop.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the demo moves forward by hand, so that the seeded history spans days, not milliseconds. */
final class DemoClock extends Clock {
    private Instant now;

    DemoClock(Instant start) {
        this.now = start;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        // Strictly increasing: ULIDs made within one step still sort in the order they were made.
        now = now.plusMillis(1);
        return now;
    }
}
