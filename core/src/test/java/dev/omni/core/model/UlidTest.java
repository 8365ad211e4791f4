package dev.omni.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UlidTest {
    @Test
    void idsFromOneMillisecondAreStrictlyIncreasingAndValid() {
        Ulid u = new Ulid(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(u.next());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(Ulid::isValid);
        assertThat(SnapshotId.isValid("snap-" + ids.get(0))).isTrue();
    }

    @Test
    void theTimeComesFirstSoIdsSortByTime() {
        String early = new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
        String late = new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC)).next();
        assertThat(early).isLessThan(late);
    }
}
