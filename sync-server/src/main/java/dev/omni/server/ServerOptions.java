package dev.omni.server;

import dev.omni.wire.ProtocolLimits;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * How a server runs: bind address, lifetimes, limits and rate limits. Immutable; start from
 * {@link #defaults()} and change what differs with {@link #toBuilder()}.
 *
 * @param host               address to bind ({@code 0.0.0.0} for all)
 * @param openRegistration   whether anyone may create an account on the web page
 * @param clock              the time source (tests move it)
 * @param requestLogEcho     where request log lines are echoed besides the log file (null: nowhere)
 * @param behindProxy        honour {@code X-Forwarded-*}/{@code Forwarded} (only behind a proxy you run)
 * @param objectCompression  zstd level for batch-uploaded objects in packs; 0 stores them raw (the
 *                           default: on the 2-core development machine compressing cost more time
 *                           than the smaller writes saved)
 * @param stopTimeout        how long a stopping server lets requests in flight finish
 */
public record ServerOptions(String host, boolean openRegistration, Clock clock, PrintStream requestLogEcho,
                            boolean behindProxy, Lifetimes lifetimes, Limits limits, RateLimits rateLimits,
                            int passwordMemoryKiB, int passwordIterations, int objectCompression, Duration stopTimeout) {

    /** How long codes, tokens and sessions live. */
    public record Lifetimes(Duration deviceCode, Duration pollInterval, Duration token, Duration webSession) {
    }

    /**
     * Sizes and counts per request (see sync-server/README.md), and how many object commits
     * (rounds of fsyncs) run at once; more wait their turn.
     */
    public record Limits(long jsonBodyBytes, long objectBytes, long batchBytes, int batchObjects,
                         long batchObjectBytes, int idsPerRequest, int changesPerRequest, int pageSize,
                         int concurrentObjectSyncs) {
    }

    /** Requests per minute: API calls per token; sign-in, code entry, device and token endpoints per address. */
    public record RateLimits(int apiPerToken, int signInPerAddress, int signInPerEmail, int codeEntryPerAddress,
                             int deviceAuthorizationPerAddress, int tokenPerAddress) {
    }

    public static ServerOptions defaults() {
        return new ServerOptions("0.0.0.0", false, Clock.systemUTC(), null, false,
                new Lifetimes(Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofDays(90), Duration.ofHours(12)),
                new Limits(ProtocolLimits.JSON_BODY_BYTES, ProtocolLimits.OBJECT_BYTES, ProtocolLimits.BATCH_BYTES,
                        ProtocolLimits.BATCH_OBJECTS, ProtocolLimits.BATCH_OBJECT_BYTES, ProtocolLimits.IDS_PER_REQUEST,
                        ProtocolLimits.CHANGES_PER_REQUEST, ProtocolLimits.PAGE_SIZE, 2),
                new RateLimits(1200, 20, 10, 20, 30, 120),
                19 * 1024, 2, 0, Duration.ofSeconds(30));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few options of an existing set. */
    public static final class Builder {
        private String host;
        private boolean openRegistration;
        private Clock clock;
        private PrintStream requestLogEcho;
        private boolean behindProxy;
        private Lifetimes lifetimes;
        private Limits limits;
        private RateLimits rateLimits;
        private int passwordMemoryKiB;
        private int passwordIterations;
        private int objectCompression;
        private Duration stopTimeout;

        private Builder(ServerOptions o) {
            stopTimeout = o.stopTimeout;
            host = o.host;
            openRegistration = o.openRegistration;
            clock = o.clock;
            requestLogEcho = o.requestLogEcho;
            behindProxy = o.behindProxy;
            lifetimes = o.lifetimes;
            limits = o.limits;
            rateLimits = o.rateLimits;
            passwordMemoryKiB = o.passwordMemoryKiB;
            passwordIterations = o.passwordIterations;
            objectCompression = o.objectCompression;
        }

        public Builder stopTimeout(Duration v) {
            stopTimeout = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder openRegistration(boolean v) {
            openRegistration = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder requestLogEcho(PrintStream v) {
            requestLogEcho = v;
            return this;
        }

        public Builder behindProxy(boolean v) {
            behindProxy = v;
            return this;
        }

        public Builder lifetimes(Lifetimes v) {
            lifetimes = v;
            return this;
        }

        public Builder limits(Limits v) {
            limits = v;
            return this;
        }

        public Builder rateLimits(RateLimits v) {
            rateLimits = v;
            return this;
        }

        /** Argon2id cost; lower only in tests. */
        public Builder passwordCost(int memoryKiB, int iterations) {
            passwordMemoryKiB = memoryKiB;
            passwordIterations = iterations;
            return this;
        }

        /** zstd level for objects stored from batches (1 is fast, 3 the usual default); 0: raw. */
        public Builder objectCompression(int level) {
            objectCompression = level;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(host, openRegistration, clock, requestLogEcho, behindProxy, lifetimes, limits,
                    rateLimits, passwordMemoryKiB, passwordIterations, objectCompression, stopTimeout);
        }
    }
}
