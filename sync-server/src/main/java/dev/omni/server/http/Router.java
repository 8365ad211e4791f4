package dev.omni.server.http;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a method and a path like {@code /v1/projects/{id}/snapshots} to a handler. A known
 * path with another method is a 405, an unknown path a 404.
 */
public final class Router {
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String method, String pattern, String[] segments, Route route) {
    }

    /** The handler for a request, its path parameters and the pattern it matched (for metrics). */
    public record Match(Route route, Map<String, String> params, String pattern) {
    }

    public Router add(String method, String pattern, Route route) {
        entries.add(new Entry(method, pattern, split(pattern), route));
        return this;
    }

    public Router get(String pattern, Route route) {
        return add("GET", pattern, route);
    }

    public Router post(String pattern, Route route) {
        return add("POST", pattern, route);
    }

    public Router put(String pattern, Route route) {
        return add("PUT", pattern, route);
    }

    /** The route for the request, or a 404/405 {@link ServerException}. */
    public Match match(String method, String path) {
        String[] parts = split(path);
        boolean pathKnown = false;
        for (Entry e : entries) {
            Map<String, String> params = matchPath(e.segments, parts);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (e.method.equals(method) || (method.equals("HEAD") && e.method.equals("GET"))) {
                return new Match(e.route, params, e.pattern);
            }
        }
        if (pathKnown) {
            throw new ServerException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
        }
        throw new ServerException(ErrorCode.NOT_FOUND, "no such endpoint: " + path);
    }

    private static Map<String, String> matchPath(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
