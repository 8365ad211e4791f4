package dev.omni.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.omni.core.Env;
import dev.omni.core.OmniException;
import dev.omni.core.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentSettingsTest {
    @TempDir
    Path dir;

    private AgentSettings settings() {
        Env env = new Env(Map.of(), dir, dir.resolve("user"), Clock.systemUTC(), "tester");
        return new AgentSettings(env, List.of("/opt/omni/bin/omni", "--home", "/data/omni home"));
    }

    private Path write(String rel, String text) throws Exception {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** Settings files as people and tools write them: other hooks, odd indentation, tabs, CRLF, one line. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\n  \"model\": \"opus\",\n  \"hooks\": {\n    \"Stop\": [\n      {\n        \"hooks\": [\n          {\"type\": \"command\", \"command\": \"notify-send done\"}\n        ]\n      }\n    ]\n  },\n  \"permissions\": {\"allow\": [\"Bash(ls:*)\"]}\n}\n",
        "{\n    \"env\": {\"A\": \"1\"},\n    \"statusLine\": {\n        \"type\": \"command\"\n    }\n}",
        "{\r\n\t\"hooks\": {\r\n\t\t\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"./guard.sh\"}]}]\r\n\t}\r\n}\r\n",
        "{\"a\": 1, \"b\": [1, 2, 3]}",
        "{}",
        "{\n  \"hooks\": {}\n}\n"})
    void installAndUninstallKeepEveryOtherByte(String original) throws Exception {
        Path f = write("proj/.claude/settings.json", original);
        AgentSettings s = settings();
        AgentSettings.Scope scope = AgentSettings.Scope.project(dir.resolve("proj"));

        AgentSettings.Change c = s.installHooks(AgentSettings.Agent.CLAUDE, scope);

        assertThat(c.changed()).isTrue();
        String installed = Files.readString(f);
        JsonNode after = Json.mapper().readTree(installed);
        JsonNode before = Json.mapper().readTree(original);
        for (String event : AgentSettings.EVENTS) {
            JsonNode groups = after.path("hooks").path(event);
            assertThat(groups.isArray()).as(event).isTrue();
            JsonNode last = groups.get(groups.size() - 1);
            assertThat(last.path("hooks").get(0).path("command").asText())
                    .isEqualTo("/opt/omni/bin/omni --home '/data/omni home' hook claude");
            assertThat(groups.size()).isEqualTo(before.path("hooks").path(event).size() + 1);
        }
        // what was there stays, in the same order
        before.fieldNames().forEachRemaining(k -> {
            if (!k.equals("hooks")) {
                assertThat(after.get(k)).isEqualTo(before.get(k));
            }
        });
        assertThat(s.installHooks(AgentSettings.Agent.CLAUDE, scope).changed()).isFalse();
        assertThat(Files.readString(f)).isEqualTo(installed);
        assertThat(s.hooksStatus(AgentSettings.Agent.CLAUDE, scope).entries()).containsExactlyInAnyOrderElementsOf(AgentSettings.EVENTS);

        assertThat(s.uninstallHooks(AgentSettings.Agent.CLAUDE, scope).changed()).isTrue();
        String back = Files.readString(f);
        if (original.contains("\"hooks\": {}")) {
            // an empty hooks object we emptied again is removed with ours: the only byte-level difference
            assertThat(Json.mapper().readTree(back)).isEqualTo(Json.mapper().readTree("{}"));
        } else {
            assertThat(back).isEqualTo(original);
        }
        assertThat(s.uninstallHooks(AgentSettings.Agent.CLAUDE, scope).changed()).isFalse();
    }

    @Test
    void aMissingSettingsFileIsCreatedAndAnUnparsableOneIsLeftAlone() throws Exception {
        AgentSettings s = settings();
        AgentSettings.Scope scope = AgentSettings.Scope.project(dir.resolve("p"));
        s.installHooks(AgentSettings.Agent.CODEX, scope);
        JsonNode n = Json.mapper().readTree(dir.resolve("p/.codex/hooks.json").toFile());
        assertThat(n.path("hooks").path("Stop").get(0).path("hooks").get(0).path("command").asText()).endsWith("hook codex");

        Path bad = write("q/.claude/settings.json", "{\"hooks\": {,}}");
        assertThatThrownBy(() -> s.installHooks(AgentSettings.Agent.CLAUDE, AgentSettings.Scope.project(dir.resolve("q"))))
                .isInstanceOf(OmniException.class).hasMessageContaining("not valid JSON")
                .extracting(e -> ((OmniException) e).kind()).isEqualTo(OmniException.Kind.INVALID_INPUT);
        assertThat(Files.readString(bad)).isEqualTo("{\"hooks\": {,}}");
    }

    @Test
    void aMovedLauncherReplacesOurEntriesInsteadOfAddingMore() throws Exception {
        AgentSettings.Scope scope = AgentSettings.Scope.project(dir);
        settings().installHooks(AgentSettings.Agent.CLAUDE, scope);
        Env env = new Env(Map.of(), dir, dir.resolve("user"), Clock.systemUTC(), "tester");
        new AgentSettings(env, List.of("/usr/bin/omni")).installHooks(AgentSettings.Agent.CLAUDE, scope);
        JsonNode n = Json.mapper().readTree(dir.resolve(".claude/settings.json").toFile());
        for (String event : AgentSettings.EVENTS) {
            assertThat(n.path("hooks").path(event)).hasSize(1);
            assertThat(n.path("hooks").path(event).get(0).path("hooks").get(0).path("command").asText()).isEqualTo("/usr/bin/omni hook claude");
        }
    }

    @Test
    void claudeMcpServerIsAddedBesideTheOthersAndRemovedExactly() throws Exception {
        String original = "{\n  \"mcpServers\": {\n    \"github\": {\n      \"command\": \"gh-mcp\"\n    }\n  }\n}\n";
        Path f = write("p/.mcp.json", original);
        AgentSettings s = settings();
        AgentSettings.Scope scope = AgentSettings.Scope.project(dir.resolve("p"));
        assertThat(s.installMcp(AgentSettings.Agent.CLAUDE, scope).changed()).isTrue();
        JsonNode n = Json.mapper().readTree(f.toFile());
        assertThat(n.path("mcpServers").path("github").path("command").asText()).isEqualTo("gh-mcp");
        assertThat(n.path("mcpServers").path("omni").path("command").asText()).isEqualTo("/opt/omni/bin/omni");
        assertThat(Json.mapper().convertValue(n.path("mcpServers").path("omni").path("args"), List.class))
                .isEqualTo(List.of("--home", "/data/omni home", "mcp"));
        String installed = Files.readString(f);
        assertThat(s.installMcp(AgentSettings.Agent.CLAUDE, scope).changed()).isFalse();
        assertThat(Files.readString(f)).isEqualTo(installed);
        s.uninstallMcp(AgentSettings.Agent.CLAUDE, scope);
        assertThat(Files.readString(f)).isEqualTo(original);

        // the user's ~/.claude.json, which holds much else
        String user = "{\"numStartups\": 12, \"projects\": {\"/x\": {\"allowedTools\": []}}}";
        Path uf = write("user/.claude.json", user);
        s.installMcp(AgentSettings.Agent.CLAUDE, AgentSettings.Scope.user());
        assertThat(Json.mapper().readTree(uf.toFile()).path("mcpServers").has("omni")).isTrue();
        s.uninstallMcp(AgentSettings.Agent.CLAUDE, AgentSettings.Scope.user());
        assertThat(Files.readString(uf)).isEqualTo(user);
    }

    private static final String CODEX_CONFIG = """
            # my Codex settings
            model = "gpt-5.5"
            approval_policy = "on-request"

            [mcp_servers.github]
            command = "gh-mcp"
            args = ["--stdio"]

            # profiles
            [profiles.fast]
            model = "gpt-5.5-mini"
            """;

    @Test
    void codexConfigKeepsEveryOtherLine() throws Exception {
        Path f = write("user/.codex/config.toml", CODEX_CONFIG);
        AgentSettings s = settings();
        AgentSettings.Scope user = AgentSettings.Scope.user();

        s.installMcp(AgentSettings.Agent.CODEX, user);
        s.installNotify(user);
        String installed = Files.readString(f);
        JsonNode n = new TomlMapper().readTree(installed);
        assertThat(n.path("mcp_servers").path("omni").path("command").asText()).isEqualTo("/opt/omni/bin/omni");
        assertThat(n.path("mcp_servers").path("github").path("command").asText()).isEqualTo("gh-mcp");
        assertThat(n.path("profiles").path("fast").path("model").asText()).isEqualTo("gpt-5.5-mini");
        assertThat(Json.mapper().convertValue(n.path("notify"), List.class))
                .isEqualTo(List.of("/opt/omni/bin/omni", "--home", "/data/omni home", "hook", "codex"));
        assertThat(s.installMcp(AgentSettings.Agent.CODEX, user).changed()).isFalse();
        assertThat(s.installNotify(user).changed()).isFalse();
        assertThat(Files.readString(f)).isEqualTo(installed);
        assertThat(s.hooksStatus(AgentSettings.Agent.CODEX, user).entries()).anyMatch(e -> e.startsWith("notify"));

        s.uninstallNotify(user);
        s.uninstallMcp(AgentSettings.Agent.CODEX, user);
        assertThat(Files.readString(f)).isEqualTo(CODEX_CONFIG);
    }

    @Test
    void anotherNotifyProgramIsNotReplaced() throws Exception {
        String config = "notify = [\"notify-send\", \"codex\"]\n";
        Path f = write("user/.codex/config.toml", config);
        assertThatThrownBy(() -> settings().installNotify(AgentSettings.Scope.user())).isInstanceOf(OmniException.class)
                .hasMessageContaining("already sets notify");
        assertThat(Files.readString(f)).isEqualTo(config);
    }

    @Test
    void anMcpEntryInAFormOmniDoesNotEditIsRefused() throws Exception {
        String config = "mcp_servers.omni.command = \"x\"\n";
        write("user/.codex/config.toml", config);
        assertThatThrownBy(() -> settings().installMcp(AgentSettings.Agent.CODEX, AgentSettings.Scope.user()))
                .isInstanceOf(OmniException.class).hasMessageContaining("by hand");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codex-cli 0.123.9", "codex-cli 0.40.0", "0.99.1-alpha"})
    void codexBefore0124UsesNotify(String version) {
        assertThat(AgentSettings.codexNeedsNotify(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"codex-cli 0.124.0", "codex-cli 0.128.0-alpha.1", "codex 1.2.3", "no version here"})
    void codexFrom0124UsesHooks(String version) {
        assertThat(AgentSettings.codexNeedsNotify(version)).isFalse();
    }
}
