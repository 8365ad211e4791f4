package dev.omni.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitTest {
    @Test
    void waitsUntilTheConditionHoldsAndReturnsWhatTheProbeFound() {
        AtomicInteger polls = new AtomicInteger();
        String found = Wait.forValue("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() == 3 ? "three" : null);
        assertThat(found).isEqualTo("three");
        assertThat(polls).hasValue(3);
    }

    @Test
    void aConditionThatNeverHoldsFailsSayingWhatDidNotHappen() {
        assertThatThrownBy(() -> Wait.until("the impossible", Duration.ofMillis(50), () -> false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("waiting for the impossible");
    }

    @Test
    void aProbeThatThrowsStopsTheWait() {
        assertThatThrownBy(() -> Wait.forValue("a dead thread", Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("it died");
        })).isInstanceOf(IllegalStateException.class).hasMessage("it died");
    }

    @Test
    void waitsForAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        started.countDown();
        Wait.until("the thread to end", Duration.ofSeconds(10), () -> !t.isAlive());
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void theTestClockMovesOnlyWhenTold() {
        TestClock clock = TestClock.at("2026-11-21T10:00:00Z");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-21T10:01:30Z").toEpochMilli());
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
