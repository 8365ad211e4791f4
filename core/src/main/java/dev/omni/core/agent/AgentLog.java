package dev.omni.core.agent;

import dev.omni.core.util.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of what omni did for coding agents ({@code <home>/logs/agents.log}): hooks and the MCP
 * server write here, never to the agent's standard output. One line per event, rotated to
 * {@code agents.log.1} past 5 MiB.
 */
public final class AgentLog {
    static final long MAX = 5L << 20;
    public static final String NAME = "agents.log";

    private final Path file;
    private final Clock clock;

    public AgentLog(Path logsDir, Clock clock) {
        this.file = logsDir.resolve(NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public void info(String message) {
        write("INFO ", message);
    }

    public void error(String message) {
        write("ERROR", message);
    }

    private synchronized void write(String level, String message) {
        String line = Times.format(clock.instant()) + " " + level + " " + message.replace('\n', ' ') + "\n";
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX) {
                Files.move(file, file.resolveSibling(NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Nowhere else to say it: a hook's output belongs to the agent.
        }
    }

    /** The last {@code n} lines at level ERROR, oldest first. */
    public List<String> lastErrors(int n) {
        List<String> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return out;
            }
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (l.contains(" ERROR ")) {
                    out.add(l);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out.size() > n ? new ArrayList<>(out.subList(out.size() - n, out.size())) : out;
    }
}
