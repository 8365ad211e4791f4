package dev.omni.core;

/**
 * Reports how far long work has come. Front ends draw it (a progress bar on a terminal, a bar in the
 * window); core only counts. Implementations must be thread-safe.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total, String unit) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void finish() {
        }
    };

    /** Begins a task; {@code total} is -1 when unknown. */
    void start(String task, long total, String unit);

    void advance(long n);

    void finish();
}
