package dev.omni.sync.daemon;

import dev.omni.core.util.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The daemon's log: one line per event in {@code <home>/logs/daemon.log}, rotated to
 * {@code daemon.log.1} past 5 MiB. Never holds a token: nothing that handles one logs it.
 */
public final class DaemonLog {
    static final long MAX = 5L << 20;

    private final Path file;
    private final Clock clock;

    public DaemonLog(Path logsDir, Clock clock) {
        this.file = logsDir.resolve("daemon.log");
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public synchronized void info(String message) {
        write("INFO ", message);
    }

    public synchronized void warn(String message) {
        write("WARN ", message);
    }

    public synchronized void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        String line = Times.format(clock.instant()) + " " + level + " " + message.replace('\n', ' ') + "\n";
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX) {
                Files.move(file, file.resolveSibling("daemon.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.print(line);
        }
    }
}
