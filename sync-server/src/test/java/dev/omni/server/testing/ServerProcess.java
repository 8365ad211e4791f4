package dev.omni.server.testing;

import dev.omni.server.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code omni-server serve} in a JVM of its own, started the way the launcher starts it, for tests
 * that kill a server (SIGKILL) or stop it (SIGTERM). Its stderr goes to {@code logs}; the port is
 * read from the line it prints when it listens.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code serve --port 0 --host 127.0.0.1} plus {@code args}, with {@code env} added to its environment. */
    public static ServerProcess start(List<String> args, Map<String, String> env, Path logs, String name)
            throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0", "--host", "127.0.0.1"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(logs.resolve(name + "-stdout.log").toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process process = pb.start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Path errLog = logs.resolve(name + "-stderr.log");
                Files.writeString(errLog, seen);
                Thread drain = new Thread(() -> {
                    try (OutputStream out = Files.newOutputStream(errLog, StandardOpenOption.APPEND)) {
                        process.getErrorStream().transferTo(out);
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, Integer.parseInt(m.group(1)));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start:\n" + seen);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    /** The command line as {@code ps} shows it (from /proc). */
    public String commandLine() throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server process did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
