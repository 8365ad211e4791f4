package dev.omni.server.auth;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.http.RateLimiter;
import java.util.Map;

/** Turns a spent rate limit into the protocol's 429. */
public final class RateLimits {
    private RateLimits() {
    }

    public static void check(RateLimiter limiter, String key, String what) {
        long wait = limiter.acquire(key);
        if (wait > 0) {
            throw new ServerException(ErrorCode.RATE_LIMITED, "too many " + what + "; try again in " + wait + " s",
                    Map.of("retry_after", wait));
        }
    }
}
