package dev.omni.server.http;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler: gives every request an id, finds its area, turns every failure into that
 * area's error response (the only place exceptions become HTTP errors), and writes the request log.
 */
public final class RootHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RootHandler.class);
    /**
     * How much of an unread request body is read away before an error answer, so that a client
     * still sending (say, a body over the limit) gets to read the answer instead of a reset.
     */
    private static final long DRAIN_LIMIT = 8L << 20;
    private final List<Area> areas;
    private final RequestLog log;
    private final Clock clock;
    private final HttpMetrics metrics;
    private final String idPrefix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private final AtomicLong ids = new AtomicLong();

    public RootHandler(List<Area> areas, RequestLog log, Clock clock, HttpMetrics metrics) {
        this.areas = List.copyOf(areas);
        this.log = log;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Exchange x = new Exchange(request, response, idPrefix + "-" + ids.incrementAndGet(), Request.getRemoteAddr(request));
        x.header("X-Request-Id", x.requestId());
        Area area = areaOf(x.path());
        Throwable gone = null;
        try {
            area.handle(x);
        } catch (Exchange.ClientGoneException e) {
            gone = e.getCause();
        } catch (ServerException e) {
            respond(x, area, e);
        } catch (Exception e) {
            LOG.error("request {} {} {} failed", x.requestId(), x.method(), x.path(), e);
            respond(x, area, new ServerException(ErrorCode.INTERNAL,
                    "internal server error; the server log has details under request id " + x.requestId()));
        }
        long nanos = System.nanoTime() - start;
        double millis = nanos / 1e6;
        if (gone != null) {
            callback.failed(gone);
        } else {
            callback.succeeded();
        }
        int status = gone != null ? 499 : x.status();
        metrics.record(x.method(), x.route(), status, nanos, x.bytesIn(), x.bytesOut());
        // Logged after the answer is complete: the log's lock is not on the client's clock.
        log.record(new RequestLog.Entry(clock.instant(), x.requestId(), x.method(), x.path(),
                status, millis, x.bytesIn(), x.bytesOut(), x.loggedUser(), x.remoteAddress()));
        return true;
    }

    private void respond(Exchange x, Area area, ServerException e) {
        if (x.committed()) {
            return;
        }
        x.discardUnreadBody(DRAIN_LIMIT);
        try {
            area.fail(x, e);
        } catch (Exchange.ClientGoneException ignored) {
            // nobody is listening any more
        }
    }

    private Area areaOf(String path) {
        for (Area a : areas) {
            if (a.owns(path)) {
                return a;
            }
        }
        return areas.get(areas.size() - 1);
    }
}
