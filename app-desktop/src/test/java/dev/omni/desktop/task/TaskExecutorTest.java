package dev.omni.desktop.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.OmniException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class TaskExecutorTest {
    @Test
    void theSynchronousExecutorDeliversResultsAndFailuresAtOnce() {
        List<String> failures = new ArrayList<>();
        SyncTaskExecutor ex = new SyncTaskExecutor(t -> failures.add(Errors.describe(t)));
        List<Integer> results = new ArrayList<>();
        boolean[] done = new boolean[1];

        ex.submit(Task.of("sum", ctx -> 1 + 1).onSuccess(results::add).onDone(() -> done[0] = true));
        ex.submit(Task.of("fail", ctx -> {
            throw OmniException.notFound("no snapshot snap-X");
        }));

        assertThat(results).containsExactly(2);
        assertThat(done[0]).isTrue();
        assertThat(failures).containsExactly("no snapshot snap-X");
        assertThat(ex.status().busyProperty().get()).isFalse();
    }

    @Test
    void errorsReadLikeTheCliAndCancellationIsNoError() {
        assertThat(Errors.describe(new UncheckedIOException(new AccessDeniedException("/x")))).isEqualTo("permission denied: /x");
        assertThat(Errors.describe(new CancellationException())).isNull();
        assertThat(Errors.describe(new IllegalStateException("boom"))).isEqualTo("internal error: java.lang.IllegalStateException: boom");
    }

    @Test
    void progressStopsCancelledWork() {
        List<Double> seen = new ArrayList<>();
        boolean[] cancelled = {false};
        ProgressAdapter p = new ProgressAdapter((f, t) -> seen.add(f), () -> cancelled[0]);
        p.start("scanning", 10, "files");
        p.advance(1);
        cancelled[0] = true;
        try {
            p.advance(1);
            throw new AssertionError("expected a cancellation");
        } catch (CancellationException expected) {
            assertThat(seen).containsExactly(0.0);
        }
    }
}
