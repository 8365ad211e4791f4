package dev.omni.server.http;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per request: time, request id, method, path (never the query string), status,
 * duration, bytes, user id, client address. Credentials travel in headers and form bodies, which
 * are never logged, so no token, password or device code can reach this file.
 */
public final class RequestLog implements AutoCloseable {
    private final Writer file;
    private final PrintStream echo;

    /** Appends to {@code file}; also echoes to {@code echo} when it is not null. */
    public RequestLog(Path file, PrintStream echo) throws IOException {
        Files.createDirectories(file.getParent());
        this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.echo = echo;
    }

    /** What one line holds. */
    public record Entry(Instant at, String requestId, String method, String path, int status, double millis,
                        long bytesIn, long bytesOut, String userId, String address) {
    }

    public void record(Entry e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", e.at().toString());
        line.put("rid", e.requestId());
        line.put("method", e.method());
        line.put("path", e.path());
        line.put("status", e.status());
        line.put("ms", Math.round(e.millis() * 10) / 10.0);
        line.put("in", e.bytesIn());
        line.put("out", e.bytesOut());
        line.put("user", e.userId());
        line.put("ip", e.address());
        String text = Json.writeString(line);
        synchronized (this) {
            try {
                file.write(text);
                file.write('\n');
                file.flush();
            } catch (IOException ignored) {
                // A full disk must not take requests down with it.
            }
            if (echo != null) {
                echo.println(text);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
