package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.omni.core.Env;
import dev.omni.core.testing.TestHome;
import dev.omni.core.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codex before 0.124 reports turns only through its notify program: {@code hooks install --notify}
 * sets it in config.toml, and the test runs that very argv with the JSON Codex passes at
 * agent-turn-complete, after a shell edit; the turn is recorded and the rollout imported and linked.
 */
class CodexNotifyEndToEndTest {
    private static final String THREAD = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path tmp;

    @Test
    void theNotifyProgramRecordsTheTurnAndImportsTheRollout() throws Exception {
        TestHome t = new TestHome(tmp);
        Path root = Files.createDirectories(t.work.resolve("app"));
        Files.writeString(root.resolve("main.py"), "print('hi')\n");
        Path launcher = tmp.resolve("bin/omni");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Dfile.encoding=UTF-8 -cp '" + System.getProperty("java.class.path") + "' dev.omni.cli.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        Path codexHome = tmp.resolve("codex");
        Env app = t.env(root).withVar("OMNI_LAUNCHER", launcher.toString()).withVar("CODEX_HOME", codexHome.toString());
        CliRun.run(app, "init", "-q").ok();
        root = root.toRealPath();
        app = app.withCwd(root);

        CliRun.run(app, "hooks", "install", "--agent", "codex", "--notify", "--global").ok();
        JsonNode config = new TomlMapper().readTree(codexHome.resolve("config.toml").toFile());
        List<String> argv = new ArrayList<>();
        config.path("notify").forEach(w -> argv.add(w.asText()));
        assertThat(argv).endsWith("hook", "codex");

        // the turn: Codex edits a file through its shell, writes its rollout, then calls notify
        Files.writeString(root.resolve("main.py"), "print('hello')\n");
        Path rollout = codexHome.resolve("sessions/2026/11/21/rollout-2026-11-21T10-00-00-" + THREAD + ".jsonl");
        Files.createDirectories(rollout.getParent());
        Files.writeString(rollout, "{\"timestamp\":\"2026-11-21T10:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + THREAD
                + "\",\"cwd\":\"" + root + "\"}}\n"
                + "{\"timestamp\":\"2026-11-21T10:00:01Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"say hello\"}}\n"
                + "{\"timestamp\":\"2026-11-21T10:00:05Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Done.\"}]}}\n");
        String event = "{\"type\":\"agent-turn-complete\",\"thread-id\":\"" + THREAD + "\",\"turn-id\":\"1\",\"cwd\":\"" + root
                + "\",\"input-messages\":[\"say hello\"],\"last-assistant-message\":\"Done.\"}";
        List<String> cmd = new ArrayList<>(argv);
        cmd.add(event);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("CODEX_HOME", codexHome.toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("OMNI_HOME");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();

        JsonNode turns = Json.mapper().readTree(CliRun.run(app, "turns", "--json").ok().out());
        assertThat(turns).hasSize(1);
        assertThat(turns.get(0).path("agent").asText()).isEqualTo("codex");
        assertThat(turns.get(0).path("prompt").asText()).isEqualTo("say hello");
        assertThat(turns.get(0).path("files").get(0).path("path").asText()).isEqualTo("main.py");
        assertThat(turns.get(0).path("message_id").asText()).isNotEmpty();
        assertThat(CliRun.run(app, "diff", "--turn", "1", "--name-status").ok().out()).isEqualTo("M\tmain.py\n");
        CliRun.run(app, "rewind", "1").ok();
        assertThat(Files.readString(root.resolve("main.py"))).isEqualTo("print('hi')\n");

        CliRun.run(app, "hooks", "uninstall", "--agent", "codex", "--global").ok();
        assertThat(Files.readString(codexHome.resolve("config.toml"))).isEmpty();
    }
}
