package dev.omni.cli;

import dev.omni.core.Env;
import dev.omni.sync.client.HttpThreads;
import dev.omni.sync.client.ServerClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Runs the common commands once on a small throw-away workspace. The launcher runs this after a
 * build with {@code -XX:ArchiveClassesAtExit}, so that the class-data-sharing archive holds the
 * classes every command needs, not only those of whichever command happened to run first.
 */
@Command(name = "self-train", hidden = true, description = "Exercise the common commands (for the start-up archive).")
public final class TrainCommand extends BaseCommand {
    @Override
    protected int run() throws IOException {
        Path tmp = Files.createTempDirectory("omni-train");
        try {
            Path ws = tmp.resolve("ws");
            Files.createDirectories(ws.resolve("src/sub"));
            Files.writeString(ws.resolve("README.md"), "hello\n");
            Files.writeString(ws.resolve("src/a.txt"), "one\ntwo\nthree\n");
            Files.writeString(ws.resolve(".gitignore"), "*.log\n");
            Files.writeString(ws.resolve("build.log"), "ignored\n");
            Env env = ctx.env().withVar("OMNI_HOME", tmp.resolve("home").toString()).withCwd(ws);
            run(env, "init", "-q");
            run(env, "status");
            Files.writeString(ws.resolve("src/a.txt"), "one\n2\nthree\nfour\n");
            Files.writeString(ws.resolve("src/sub/b.bin"), "\0\1\2");
            run(env, "status", "--json");
            run(env, "diff");
            run(env, "diff", "--stat");
            run(env, "snapshot", "-m", "train", "--json");
            run(env, "log", "--graph");
            run(env, "log", "--json");
            run(env, "show", "@", "--files");
            run(env, "diff", "@~1", "@");
            run(env, "restore", "@~1", "--to", tmp.resolve("out").toString());
            run(env, "restore", "@~1", "--dry-run");
            run(env, "export", "@", "-o", tmp.resolve("a.tar.zst").toString());
            run(env, "import", tmp.resolve("a.tar.zst").toString());
            run(env, "projects");
            run(env, "workspaces", "--json");
            run(env, "activity");
            run(env, "workspace", "create", "fork", "--path", tmp.resolve("fork").toString());
            Env fork = env.withCwd(tmp.resolve("fork"));
            Files.writeString(tmp.resolve("fork/src/a.txt"), "zero\none\n2\nthree\nfour\n");
            run(fork, "snapshot", "-q");
            run(env, "drift", "fork");
            run(env, "merge", "fork", "--dry-run");
            run(env, "merge", "fork");
            run(env, "workspace", "list");
            run(env, "log", "--graph", "--all");
            run(env, "memory", "add", "Trained fact", "--tag", "train");
            run(env, "decide", "Train the archive", "--why", "start-up time");
            run(env, "next", "add", "Keep training");
            run(env, "memory", "list");
            run(env, "memory", "search", "fact");
            Path session = tmp.resolve("session.jsonl");
            Files.writeString(session, "{\"type\":\"user\",\"uuid\":\"a\",\"sessionId\":\"s\",\"cwd\":\"" + ws + "\","
                    + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"train the fact\"}}\n");
            run(env, "conv", "import", session.toString());
            // An agent turn as the hooks run it: the classes of 'omni hook' go into the archive too.
            String hook = "{\"session_id\":\"s\",\"transcript_path\":\"" + session + "\",\"cwd\":\"" + ws + "\",\"hook_event_name\":\"";
            runWith(env, hook + "SessionStart\"}", "hook", "claude");
            runWith(env, hook + "UserPromptSubmit\",\"prompt\":\"train the fact\"}", "hook", "claude");
            Files.writeString(ws.resolve("src/a.txt"), "one\n2\nthree\nfour\nfive\n");
            runWith(env, hook + "Stop\"}", "hook", "claude");
            run(env, "turns");
            run(env, "usage");
            run(env, "conv", "list");
            run(env, "conv", "search", "fact");
            run(env, "search", "fact");
            run(env, "search", "fact", "--json");
            run(env, "context");
            run(env, "fsck");
            run(env, "gc", "--dry-run");
            run(env, "--help");
            trainHttp();
            return ExitCodes.OK;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One request through the sync client's HTTP client to a throw-away answerer on 127.0.0.1: the
     * HTTP and TLS classes (which {@code java.net.http} loads even for plain HTTP) go into the
     * archive too, for push, pull, sync and login.
     */
    private static void trainHttp() {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // the request's headers
                    }
                    s.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // training only
                }
            }, "omni-train-http");
            answerer.setDaemon(true);
            answerer.start();
            HttpClient http = ServerClient.newHttp();
            URI uri = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/healthz");
            http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            answerer.join(1000);
        } catch (IOException | RuntimeException e) {
            // training only: an archive without these classes is merely slower for network commands
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            HttpThreads.stopAll();
        }
    }

    private static void run(Env env, String... args) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(env, sink, sink, java.io.InputStream.nullInputStream(), false, args);
    }

    private static void runWith(Env env, String input, String... args) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(env, sink, sink, new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), false, args);
    }
}
