package dev.omni.sync.client;

/**
 * Lets a short-lived process exit promptly after using {@code java.net.http}. The HTTP client's
 * selector thread waits in a native call ({@code epoll_wait}), and HotSpot's exit waits up to
 * 300 ms for threads in native code to stop; {@code HttpClient.close()} only exists from Java 21.
 * Interrupting the selector thread ends its loop (the selector wakes up on interrupt) and it
 * closes its connections.
 */
public final class HttpThreads {
    private static volatile boolean used;

    private HttpThreads() {
    }

    /** Called when an HTTP client is made. */
    static void markUsed() {
        used = true;
    }

    /**
     * Stops the selector threads of every HTTP client of this process, waiting briefly for each;
     * for the end of a command, when no request is in flight. Does nothing when none was made.
     */
    public static void stopAll() {
        if (!used) {
            return;
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isSelector(t)) {
                t.interrupt();
                try {
                    t.join(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A selector thread of a {@code java.net.http} client (they are named {@code HttpClient-N-SelectorManager}). */
    public static boolean isSelector(Thread t) {
        return t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager");
    }
}
