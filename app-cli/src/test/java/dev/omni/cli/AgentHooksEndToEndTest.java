package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.Env;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent hooks as Claude Code runs them: {@code omni hooks install} writes the settings, and the
 * test runs exactly the commands written there, as separate processes through {@code sh -c}, with
 * the JSON Claude Code sends on standard input, while plain shell commands change the files between
 * them. Then {@code turns}, {@code diff --turn} and {@code rewind} are checked byte for byte.
 */
class AgentHooksEndToEndTest {
    private static final String SESSION = "5d8e2c1a-7f3b-4e9d-a2c6-0b1e4f7a9c3d";
    private static final String USER_SETTINGS = "{\n    \"model\": \"opus\",\n    \"hooks\": {\n        \"Stop\": [\n"
            + "            {\"hooks\": [{\"type\": \"command\", \"command\": \"true\"}]}\n        ]\n    }\n}\n";

    @TempDir
    Path tmp;
    TestHome t;
    Env app;
    Path root;
    Path transcript;

    @BeforeEach
    void init() throws Exception {
        t = new TestHome(tmp);
        root = Files.createDirectories(t.work.resolve("app"));
        Files.writeString(root.resolve("app.py"), "def main():\n    print(\"hi\")\n");
        Files.writeString(root.resolve("old.txt"), "obsolete\n");
        Files.createDirectories(root.resolve(".claude"));
        Files.writeString(root.resolve(".claude/settings.json"), USER_SETTINGS);
        Files.writeString(root.resolve(".gitignore"), ".claude/\n");
        Path launcher = tmp.resolve("bin/omni");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' --add-opens=java.base/sun.nio.fs=ALL-UNNAMED -Dfile.encoding=UTF-8 -cp '" + System.getProperty("java.class.path")
                + "' dev.omni.cli.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        app = t.env(root).withVar("OMNI_LAUNCHER", launcher.toString());
        CliRun.run(app, "init", "-q").ok();
        root = root.toRealPath();
        app = app.withCwd(root);
        transcript = t.userHome.resolve(".claude/projects/app/" + SESSION + ".jsonl");
        Files.createDirectories(transcript.getParent());
    }

    /** The command installed for {@code event} (one group of ours per event). */
    private String command(String event) throws IOException {
        JsonNode groups = Json.mapper().readTree(root.resolve(".claude/settings.json").toFile()).path("hooks").path(event);
        List<String> ours = new ArrayList<>();
        for (JsonNode g : groups) {
            String c = g.path("hooks").get(0).path("command").asText();
            if (c.contains(" hook claude")) {
                ours.add(c);
            }
        }
        assertThat(ours).as(event).hasSize(1);
        return ours.get(0);
    }

    private record Ran(int code, String out, String err) {
    }

    /** Runs the hook command as Claude Code does: {@code sh -c}, in the project, JSON on stdin. */
    private Ran hook(String event, Map<String, String> extra) throws Exception {
        ObjectNode in = Json.mapper().createObjectNode();
        in.put("session_id", SESSION).put("transcript_path", transcript.toString()).put("cwd", root.toString())
                .put("hook_event_name", event);
        extra.forEach(in::put);
        return sh(command(event), in.toString());
    }

    private Ran sh(String command, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(root.toFile());
        pb.environment().remove("OMNI_HOME");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private void shell(String script) throws Exception {
        Ran r = sh(script, "");
        assertThat(r.code()).as(r.err()).isZero();
    }

    private void say(String uuid, String parent, String role, String text, String at) throws IOException {
        ObjectNode l = Json.mapper().createObjectNode();
        l.put("type", role).put("uuid", uuid).put("parentUuid", parent).put("sessionId", SESSION).put("cwd", root.toString())
                .put("timestamp", at);
        ObjectNode m = l.putObject("message");
        m.put("role", role);
        if (role.equals("user")) {
            m.put("content", text);
        } else {
            m.put("id", "msg_" + uuid).put("model", "claude-sonnet-4-5");
            m.putArray("content").addObject().put("type", "text").put("text", text);
            m.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
        }
        Files.writeString(transcript, l + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private Map<String, String> files() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!rel.startsWith(".omni/") && !rel.startsWith(".claude/")) {
                    m.put(rel, Files.readString(f));
                }
            }
        }
        return m;
    }

    @Test
    void hooksCheckpointEveryTurnAndRewindBringsBackShellEdits() throws Exception {
        CliRun.run(app, "decide", "Greetings are lower case", "--why", "house style").ok();
        CliRun.run(app, "hooks", "install", "--agent", "claude").ok();
        String installed = Files.readString(root.resolve(".claude/settings.json"));
        assertThat(Json.mapper().readTree(installed).path("hooks").path("Stop")).hasSize(2);

        Ran start = hook("SessionStart", Map.of("source", "startup"));
        assertThat(start.code()).isZero();
        assertThat(start.out()).contains("Greetings are lower case").contains("house style");

        Map<String, String> beforeTurn1 = files();
        assertThat(hook("UserPromptSubmit", Map.of("prompt", "add a greeting and drop old.txt")).code()).isZero();
        say("u1", null, "user", "add a greeting and drop old.txt", "2026-11-21T10:00:01Z");
        shell("printf 'hello\\n' > greet.txt && sed -i 's/hi/hello/' app.py && rm old.txt");
        say("a1", "u1", "assistant", "Done: greet.txt added, old.txt removed.", "2026-11-21T10:00:05Z");
        assertThat(hook("Stop", Map.of()).code()).isZero();

        Map<String, String> beforeTurn2 = files();
        assertThat(hook("UserPromptSubmit", Map.of("prompt", "rename greet.txt to hello.txt")).code()).isZero();
        say("u2", "a1", "user", "rename greet.txt to hello.txt", "2026-11-21T10:01:00Z");
        shell("mv greet.txt hello.txt && printf 'bye\\n' >> hello.txt");
        say("a2", "u2", "assistant", "Renamed.", "2026-11-21T10:01:04Z");
        assertThat(hook("Stop", Map.of()).code()).isZero();
        Map<String, String> afterTurn2 = files();

        JsonNode turns = Json.mapper().readTree(CliRun.run(app, "turns", "--json").ok().out());
        assertThat(turns).hasSize(2);
        assertThat(turns.get(0).path("session_id").asText()).isEqualTo(SESSION);
        assertThat(turns.get(0).path("turn").asInt()).isEqualTo(1);
        assertThat(turns.get(0).path("prompt").asText()).isEqualTo("add a greeting and drop old.txt");
        assertThat(turns.get(1).path("turn").asInt()).isEqualTo(2);
        assertThat(turns.get(1).path("before").asText()).isEqualTo(turns.get(0).path("after").asText());
        List<String> files1 = new ArrayList<>();
        turns.get(0).path("files").forEach(f -> files1.add(f.path("status").asText() + " " + f.path("path").asText() + " +"
                + f.path("added_lines").asInt() + " -" + f.path("removed_lines").asInt()));
        assertThat(files1).containsExactly("M app.py +1 -1", "A greet.txt +1 -0", "D old.txt +0 -1");
        List<String> files2 = new ArrayList<>();
        turns.get(1).path("files").forEach(f -> files2.add(f.path("status").asText() + " " + f.path("path").asText()));
        assertThat(files2).containsExactly("D greet.txt", "A hello.txt");

        assertThat(CliRun.run(app, "diff", "--turn", "1").ok().out()).isEqualTo("""
                diff --omni a/app.py b/app.py
                --- a/app.py
                +++ b/app.py
                @@ -1,2 +1,2 @@
                 def main():
                -    print("hi")
                +    print("hello")
                diff --omni a/greet.txt b/greet.txt
                new file mode 644
                --- /dev/null
                +++ b/greet.txt
                @@ -0,0 +1 @@
                +hello
                diff --omni a/old.txt b/old.txt
                deleted file mode 644
                --- a/old.txt
                +++ /dev/null
                @@ -1 +0,0 @@
                -obsolete
                """);
        assertThat(CliRun.run(app, "diff", "--turn", SESSION.substring(0, 8) + ":2", "--name-status").ok().out())
                .isEqualTo("D\tgreet.txt\nA\thello.txt\n");

        // the transcript was imported by the Stop hook and each turn tied to its prompt
        JsonNode conv = Json.mapper().readTree(CliRun.run(app, "conv", "show", SESSION, "--json").ok().out());
        JsonNode convTurns = conv.path("turns");
        assertThat(convTurns).hasSize(2);
        String firstUser = conv.path("messages").get(0).path("id").asText();
        assertThat(convTurns.get(0).path("message_id").asText()).isEqualTo(firstUser);
        assertThat(convTurns.get(1).path("message_id").asText()).isEqualTo(conv.path("messages").get(2).path("id").asText());
        assertThat(CliRun.run(app, "conv", "show", SESSION).ok().out()).contains("▸ turn 1: 3 files changed, +2 -2")
                .contains("  A greet.txt  +1 -0");
        assertThat(CliRun.run(app, "log").ok().out()).contains("[claude " + SESSION.substring(0, 8) + " turn 2 after]");

        // rewind 2: the state before turn 2, byte for byte; rewind 1: before turn 1
        assertThat(CliRun.run(app, "rewind", "2", "--dry-run").ok().out()).contains("A  greet.txt").contains("D  hello.txt");
        assertThat(files()).isEqualTo(afterTurn2);
        CliRun.run(app, "rewind", "2").ok();
        assertThat(files()).isEqualTo(beforeTurn2);
        CliRun r1 = CliRun.run(app, "rewind", "1").ok();
        assertThat(files()).isEqualTo(beforeTurn1);
        assertThat(r1.out()).contains("safety snapshot");

        CliRun.run(app, "hooks", "uninstall", "--agent", "claude").ok();
        assertThat(Files.readString(root.resolve(".claude/settings.json"))).isEqualTo(USER_SETTINGS);
    }

    @Test
    void aHookNeverFailsTheAgentAndItsErrorsShowInStatus() throws Exception {
        CliRun.run(app, "hooks", "install", "--agent", "claude").ok();
        Ran bad = sh(command("Stop"), "this is not json");
        assertThat(bad.code()).isZero();
        assertThat(bad.out()).isEmpty();
        Ran noSession = sh(command("UserPromptSubmit"), "{\"hook_event_name\": \"UserPromptSubmit\", \"cwd\": \"" + root + "\"}");
        assertThat(noSession.code()).isZero();

        CliRun status = CliRun.run(app, "hooks", "status").ok();
        assertThat(status.out()).contains("claude (project)").contains("SessionStart, UserPromptSubmit, Stop, SubagentStop, PreCompact")
                .contains("not valid JSON").contains("no session_id");
        JsonNode js = Json.mapper().readTree(CliRun.run(app, "hooks", "status", "--json").ok().out());
        assertThat(js.path("errors")).hasSize(2);
    }

    @Test
    void nothingChangedMeansNoNewSnapshot() throws Exception {
        CliRun.run(app, "hooks", "install", "--agent", "claude").ok();
        int before = Json.mapper().readTree(CliRun.run(app, "log", "--json").ok().out()).size();
        hook("UserPromptSubmit", Map.of("prompt", "explain the code"));
        hook("Stop", Map.of());
        JsonNode log = Json.mapper().readTree(CliRun.run(app, "log", "--json").ok().out());
        assertThat(log).hasSize(before);
        JsonNode turns = Json.mapper().readTree(CliRun.run(app, "turns", "--json").ok().out());
        assertThat(turns).hasSize(1);
        assertThat(turns.get(0).path("before").asText()).isEqualTo(turns.get(0).path("after").asText())
                .isEqualTo(log.get(0).path("id").asText());
        assertThat(turns.get(0).path("files")).isEmpty();
    }
}
