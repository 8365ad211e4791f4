package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Env;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import dev.omni.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni index}, {@code --mode} and what the searches say about the semantic index, with the real model. */
class SemanticCliTest {
    @TempDir
    Path tmp;

    static final String BACKOFF = "Push retries use exponential backoff with jitter, capped at 5 minutes.";
    static final String PARAPHRASE = "how do we keep the daemon from hammering the server?";

    static JsonNode json(CliRun r) {
        try {
            return Json.mapper().readTree(r.out());
        } catch (IOException e) {
            throw new UncheckedIOException(r.out(), e);
        }
    }

    /** {@code n} memory items as a JSON Lines file for {@code omni memory import}. */
    static Path items(Path file, int n) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(String.format("{\"id\":\"01KBZZZZ%018d\",\"project_id\":null,\"type\":\"note\",\"content\":\"Note %d about the %s"
                    + " of component %d\",\"tags\":[],\"importance\":0.5,\"created_at\":\"2026-11-01T00:00:00Z\","
                    + "\"updated_at\":\"2026-11-01T00:00:00Z\",\"device_id\":\"dev\",\"version\":1}%n", i, i,
                    i % 2 == 0 ? "cache" : "queue", i % 17));
        }
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void indexThenSearchByMeaningWithBothScoresAndTheStatus() throws Exception {
        TestHome t = new TestHome(tmp);
        Env env = t.env();
        CliRun.run(env, "memory", "add", "--global", BACKOFF).ok();
        CliRun.run(env, "memory", "add", "--global", "The API listens on port 8080 behind the nginx reverse proxy.").ok();
        CliRun.run(env, "memory", "add", "--global", "Always ship the dark theme as the default colour scheme.").ok();
        CliRun.run(env, "memory", "import", items(tmp.resolve("m.jsonl"), 60).toString()).ok();

        JsonNode before = json(CliRun.run(env, "index", "status", "--json").ok());
        assertThat(before.path("memory_items_pending").asLong()).isEqualTo(63);
        assertThat(before.path("memory_items_indexed").asLong()).isZero();
        assertThat(before.path("model").asText()).startsWith("all-minilm-l6-v2-q@");

        // Not indexed: the default is text, and the search says why.
        CliRun plain = CliRun.run(env, "memory", "search", "--all", PARAPHRASE).ok();
        assertThat(plain.out()).contains("No memory item matches.");
        assertThat(plain.err()).contains("note: 63 memory items and messages here are not in the semantic index yet")
                .contains("omni index");

        JsonNode done = json(CliRun.run(env, "index", "--json").ok());
        assertThat(done.path("memory_items").asLong()).isEqualTo(63);
        assertThat(done.path("complete").asBoolean()).isTrue();
        JsonNode after = json(CliRun.run(env, "index", "status", "--json").ok());
        assertThat(after.path("memory_items_pending").asLong()).isZero();
        assertThat(after.path("memory_items_indexed").asLong()).isEqualTo(63);
        assertThat(after.path("vectors").asLong()).isEqualTo(63);
        assertThat(after.path("bytes").asLong()).isPositive();
        assertThat(CliRun.run(env, "index", "status").ok().out()).contains("pending:    0 memory items, 0 messages");
        assertThat(CliRun.run(env, "index").ok().out()).contains("Nothing to index");

        JsonNode hybrid = json(CliRun.run(env, "memory", "search", "--all", PARAPHRASE, "-n", "3", "--json").ok());
        assertThat(hybrid.findValuesAsText("content")).contains(BACKOFF);
        assertThat(hybrid.get(0).has("semantic_score")).isTrue();
        JsonNode text = json(CliRun.run(env, "search", "nginx", "--mode", "hybrid", "--json").ok());
        assertThat(text.get(0).path("text_score").isNumber()).isTrue();
        assertThat(text.get(0).path("semantic_score").isNumber()).isTrue();
        assertThat(json(CliRun.run(env, "search", PARAPHRASE, "--mode", "text", "--json").ok())).isEmpty();
        JsonNode semantic = json(CliRun.run(env, "search", PARAPHRASE, "--mode", "semantic", "-n", "3", "--json").ok());
        assertThat(semantic.get(0).path("snippet").asText()).isEqualTo(BACKOFF);
        assertThat(semantic.get(0).path("text_score").isNull()).isTrue();
        assertThat(CliRun.run(env, "search", "x", "--mode", "fuzzy").expect(ExitCodes.INVALID_INPUT).err())
                .contains("unknown search mode 'fuzzy'");
    }

    @Test
    void anOmniIndexKilledHalfWayGoesOnWhereItStopped() throws Exception {
        TestHome t = new TestHome(tmp);
        Env env = t.env();
        int n = 3000;
        CliRun.run(env, "memory", "import", items(tmp.resolve("m.jsonl"), n).toString()).ok();
        Cli omni = new Cli(t.home);
        Process p = omni.start(t.work, "index", "-q");
        // Killed once it has committed a batch and while it still runs (status is read from the store).
        long seen = Wait.forValue("the first batch indexed", Duration.ofSeconds(300), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("omni index ended before it could be interrupted");
            }
            long done = json(CliRun.run(env, "index", "status", "--json").ok()).path("memory_items_indexed").asLong();
            return done > 0 ? done : null;
        });
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(seen).as("the run was killed while it was indexing").isPositive().isLessThan(n);

        JsonNode left = json(CliRun.run(env, "index", "status", "--json").ok());
        long kept = left.path("memory_items_indexed").asLong();
        assertThat(kept).isGreaterThanOrEqualTo(seen).isLessThan(n);
        assertThat(left.path("memory_items_pending").asLong()).isEqualTo(n - kept);

        JsonNode resumed = json(CliRun.run(env, "index", "--json").ok());
        assertThat(resumed.path("rebuilt").asBoolean()).isFalse();
        assertThat(resumed.path("memory_items").asLong()).isEqualTo(n - kept);
        JsonNode end = json(CliRun.run(env, "index", "status", "--json").ok());
        assertThat(end.path("memory_items_indexed").asLong()).isEqualTo(n);
        assertThat(end.path("vectors").asLong()).isEqualTo(n);
    }

    @Test
    void nothingOnTheSemanticPathOpensANetworkConnection() throws Exception {
        TestHome t = new TestHome(tmp);
        Env env = t.env();
        CliRun.run(env, "memory", "add", "--global", BACKOFF).ok();
        Files.writeString(tmp.resolve("c.json"), "{\"title\": \"retries\", \"messages\": ["
                + "{\"role\": \"user\", \"content\": \"Why does the daemon hit the server so often?\"},"
                + "{\"role\": \"assistant\", \"content\": \"Push retries now use exponential backoff with jitter.\"}]}");
        CliRun.run(env, "conv", "import", tmp.resolve("c.json").toString()).ok();

        // The guard works: each kind of connection is caught.
        Path probeLog = tmp.resolve("probe.log");
        assertThat(guarded(t, probeLog, "--probe").waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(probeLog)).contains("Socket", "SocketChannel", "DatagramSocket");

        Path log = tmp.resolve("net.log");
        Process p = guarded(t, log, "index", "::", "index", "status", "::", "search", PARAPHRASE, "::", "search", PARAPHRASE,
                "--mode", "semantic", "::", "memory", "search", "--all", "backoff", "--mode", "hybrid", "::", "conv", "search",
                "--all", "hammering", "--mode", "hybrid", "::", "index", "--rebuild");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(out).contains("$ omni index --rebuild").contains(BACKOFF.substring(0, 20));
        assertThat(Files.exists(log) ? Files.readAllLines(log) : List.of()).as(err).isEmpty();
    }

    /** omni in a JVM where every network connection fails and is logged to {@code log}. */
    static Process guarded(TestHome t, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Djava.nio.channels.spi.SelectorProvider=" + NoNetwork.class.getName(), "-Domni.test.netlog=" + log,
                "-cp", System.getProperty("java.class.path"), NoNetwork.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(t.work.toFile());
        pb.environment().put("OMNI_HOME", t.home.toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        return pb.start();
    }
}
