package dev.omni.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omni.core.OmniException;
import dev.omni.sync.client.Retry;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry: the network and busy servers get more chances, within a budget; a refusal does not. */
class RetryTest {
    private static final String SERVER = "http://127.0.0.1:9";

    @Test
    void aCallThatFailsForTheNetworkIsTriedAgainUntilItWorks() {
        AtomicInteger calls = new AtomicInteger();
        String r = new Retry(30_000, SERVER).run("GET /me", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectException("connection refused");
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void afterItsBudgetItSaysTheServerCannotBeReachedAndThatNothingWasLost() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new Retry(600, SERVER).run("POST /changes", () -> {
            calls.incrementAndGet();
            throw new IOException("connection reset");
        })).isInstanceOfSatisfying(OmniException.class, e -> {
            assertThat(e.kind()).isEqualTo(OmniException.Kind.NETWORK);
            assertThat(e.getMessage()).contains("cannot reach the server " + SERVER, "POST /changes", "connection reset",
                    "nothing was lost");
        });
        assertThat(calls.get()).as("tried more than once within 600 ms").isGreaterThan(1);
    }

    @Test
    void withNoBudgetACallIsTriedOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new Retry(0, SERVER).run("GET /me", () -> {
            calls.incrementAndGet();
            throw new ConnectException("connection refused");
        })).isInstanceOf(OmniException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anErrorThatIsNotTheNetworksFailsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        OmniException refusal = OmniException.invalid("the server refused the body");
        assertThatThrownBy(() -> new Retry(30_000, SERVER).run("PUT /snapshots/x", () -> {
            calls.incrementAndGet();
            throw refusal;
        })).isSameAs(refusal);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new Retry(30_000, SERVER).run("GET /me", () -> {
                calls.incrementAndGet();
                throw new ConnectException("connection refused");
            })).isInstanceOfSatisfying(OmniException.class, e -> assertThat(e.getMessage()).contains("interrupted"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(calls).hasValue(1);
    }
}
