package dev.omni.server.sync;

import dev.omni.server.Ids;
import dev.omni.server.ServerException;
import dev.omni.server.http.Exchange;

/**
 * {@code ?after=<cursor>&limit=<n>}. A cursor is opaque to clients; today it is the decimal
 * server sequence of the last item seen. {@code limit} defaults to 100 and is capped at the
 * server's page size.
 */
public record Paging(long after, int limit) {
    public static final int DEFAULT_LIMIT = 100;

    public static Paging of(Exchange x, int maxLimit) {
        return new Paging(cursor(x.query("after")), limit(x.query("limit"), maxLimit));
    }

    public static long cursor(String after) {
        if (after == null || after.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(after);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ServerException.badRequest("after must be a cursor this server returned, not " + Ids.show(after));
        }
    }

    static int limit(String limit, int max) {
        if (limit == null || limit.isEmpty()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            int v = Integer.parseInt(limit);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return Math.min(v, max);
        } catch (NumberFormatException e) {
            throw ServerException.badRequest("limit must be a positive integer, not " + Ids.show(limit));
        }
    }

    public static String format(long cursor) {
        return Long.toString(cursor);
    }
}
