package dev.omni.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.util.Json;
import dev.omni.testing.Wait;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real omni command for tests: in this JVM through {@link Main#run}, or as a new process.
 * In-process runs read the time from {@link #clock}, which a test may replace (a {@code TestClock})
 * to order events without waiting for real time to pass.
 */
final class Cli {
    final Path home;
    final Map<String, String> vars = new HashMap<>();
    volatile Clock clock = Clock.systemUTC();

    Cli(Path home) {
        this.home = home;
        vars.put("OMNI_HOME", home.toString());
        vars.put("OMNI_AUTHOR", "tester");
    }

    /** The outcome of one run. */
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out, e);
            }
        }
    }

    Result run(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Env env = env(cwd);
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), false, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** An in-process run on another thread, whose output can be read while it runs. */
    final class Background {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        volatile int code = -1;
        final Thread thread;

        Background(Path cwd, String... args) {
            Env env = env(cwd);
            thread = new Thread(() -> code = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true),
                    new ByteArrayInputStream(new byte[0]), false, args), "omni " + String.join(" ", args));
            thread.start();
        }

        /** Waits until the output matches {@code regex}; returns the first group. */
        String await(String regex, long timeoutMs) {
            Pattern p = Pattern.compile(regex);
            return Wait.forValue("/" + regex + "/ in the output of " + thread.getName(), Duration.ofMillis(timeoutMs), () -> {
                boolean ended = !thread.isAlive();
                Matcher m = p.matcher(out.toString() + err.toString());
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                if (ended) {
                    throw new AssertionError("no /" + regex + "/ in: " + out + err);
                }
                return null;
            });
        }

        Result join(long timeoutMs) throws InterruptedException {
            thread.join(timeoutMs);
            if (thread.isAlive()) {
                throw new AssertionError("still running: " + thread.getName() + "\n" + out + err);
            }
            return new Result(code, out.toString(), err.toString());
        }
    }

    Env env(Path cwd) {
        return new Env(vars, cwd, cwd, clock, "tester");
    }

    Background background(Path cwd, String... args) {
        return new Background(cwd, args);
    }

    /** Starts {@code omni} as its own JVM, with the test's class path and the launcher's options. */
    Process start(Path cwd, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/sun.nio.fs=ALL-UNNAMED");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(vars);
        pb.environment().put("LC_ALL", "C.UTF-8");
        return pb.start();
    }

    Result exec(Path cwd, String... args) throws IOException, InterruptedException {
        Process p = start(cwd, args);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("omni " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8),
                new String(err, java.nio.charset.StandardCharsets.UTF_8));
    }
}
