package dev.omni.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.Omni;
import dev.omni.core.testing.TestHome;
import dev.omni.core.usage.UsageService;
import dev.omni.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 19 real Claude Code, Codex and Aider sessions of {@code ../shared/transcripts} (public
 * repositories; see its SOURCES.md), read where they lie, never copied here. Skipped, with a message,
 * where that folder is absent.
 */
class RealTranscriptsTest {
    /** The transcripts, beside the repository: core/../../shared/transcripts. */
    static final Path DIR = Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("transcripts");

    @TempDir
    Path tmp;
    Omni omni;
    ConversationService conv;

    @BeforeEach
    void open() {
        assumeTrue(Files.isDirectory(DIR), "no real transcripts at " + DIR + " (the shared folder beside the repository); skipped");
        omni = new TestHome(tmp).open();
        conv = new ConversationService(omni);
    }

    @AfterEach
    void close() {
        if (omni != null) {
            omni.close();
        }
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("SOURCES.md")).sorted().toList();
        }
    }

    private static long nonBlankLines(Path f) throws IOException {
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
    }

    @Test
    void everyRealTranscriptImportsWholeOnceWithUserAndAssistantMessages() throws Exception {
        List<Path> files = files();
        assertThat(files).hasSize(19);
        Map<Path, List<Conversation>> byFile = new LinkedHashMap<>();
        for (Path f : files) {
            List<String> warnings = new ArrayList<>();
            ConversationService.FileReport r = conv.importPaths(List.of(f), null, (p, m) -> warnings.add(m)).get(0);
            assertThat(r.rejected()).as(f.toString()).isNull();
            assertThat(r.conversations()).as(f.toString()).isNotEmpty();
            int messages = r.added();
            int skipped = r.skipped().values().stream().mapToInt(Integer::intValue).sum();
            if (f.toString().endsWith(".jsonl")) {
                // every line is a message, a counted line that is not one, or a reported problem
                assertThat((long) messages + skipped + r.problems().size()).as(f + " " + r.skipped() + " " + r.problems())
                        .isGreaterThanOrEqualTo(nonBlankLines(f));
            }
            // each reported problem was also said as a warning
            assertThat(warnings.size()).isGreaterThanOrEqualTo(r.problems().size());
            byFile.put(f, r.conversations().stream().map(ConversationService.Imported::conversation).toList());
        }
        for (Path f : files) {
            List<ConversationService.FileReport> again = conv.importPaths(List.of(f), null, (p, m) -> { });
            assertThat(again.get(0).added()).as("re-import of " + f).isZero();
        }
        for (Map.Entry<Path, List<Conversation>> e : byFile.entrySet()) {
            Set<Role> roles = new HashSet<>();
            for (Conversation c : e.getValue()) {
                conv.messages(c.id()).forEach(m -> roles.add(m.role()));
                if (c.title() != null) {
                    assertThat(Titles.injected(c.title())).as(c.title()).isFalse();
                }
            }
            assertThat(roles).as(e.getKey().getFileName().toString()).contains(Role.USER, Role.ASSISTANT);
        }
    }

    @Test
    void codexDesktopUserMessagesComeFromItsEvents() throws Exception {
        Path f = files().stream().filter(p -> p.toString().contains("rollout-2026-05-11T13-28-45")).findFirst().orElseThrow();
        Conversation c = conv.importPaths(List.of(f), null, (p, m) -> { }).get(0).conversations().get(0).conversation();
        List<Message> users = conv.userMessages(c.id());
        assertThat(users).hasSize(3);
        // the older format has both streams: the events are not added a second time
        Path older = files().stream().filter(p -> p.toString().contains("jnarowski_agentcmd__rollout")).findFirst().orElseThrow();
        Conversation o = conv.importPaths(List.of(older), null, (p, m) -> { }).get(0).conversations().get(0).conversation();
        List<String> texts = conv.userMessages(o.id()).stream().map(Message::content).toList();
        assertThat(texts).doesNotHaveDuplicates();
    }

    @Test
    void aSubagentTranscriptIsItsOwnConversationLinkedToItsSession() throws Exception {
        Path main = files().stream().filter(p -> p.getFileName().toString().equals(
                "claude__codemie-ai_codemie-code__incremental-subagents_turn-2.jsonl")).findFirst().orElseThrow();
        Path sub = files().stream().filter(p -> p.getFileName().toString().contains("subagents_agent-a485154")).findFirst().orElseThrow();
        Conversation parent = conv.importPaths(List.of(main), null, (p, m) -> { }).get(0).conversations().get(0).conversation();
        Conversation child = conv.importPaths(List.of(sub), null, (p, m) -> { }).get(0).conversations().get(0).conversation();
        assertThat(child.externalId()).isEqualTo("e9fb405b-169f-40eb-9396-7e75076f045d:agent-a485154");
        assertThat(child.parentExternalId()).isEqualTo("e9fb405b-169f-40eb-9396-7e75076f045d");
        assertThat(child.id()).isNotEqualTo(parent.id());
        assertThat(conv.subagents(parent)).extracting(Conversation::id).containsExactly(child.id());
        assertThat(child.title()).startsWith("Analyze the existing CLI command structure");
        // none of the subagent's messages went into the session's conversation
        Set<String> parentTexts = new HashSet<>();
        conv.messages(parent.id()).forEach(m -> parentTexts.add(m.content()));
        assertThat(parentTexts).doesNotContain(conv.userMessages(child.id()).get(0).content());
    }

    @Test
    void titlesSkipInjectedContext() throws Exception {
        Path soph = files().stream().filter(p -> p.toString().contains("Soph_energy")).findFirst().orElseThrow();
        Conversation c = conv.importPaths(List.of(soph), null, (p, m) -> { }).get(0).conversations().get(0).conversation();
        assertThat(c.title()).startsWith("can you take a look at this project");
        Path two = files().stream().filter(p -> p.toString().contains("full-session-two")).findFirst().orElseThrow();
        Conversation t = conv.importPaths(List.of(two), null, (p, m) -> { }).get(0).conversations().get(0).conversation();
        assertThat(t.title()).startsWith("please move the + button");
    }

    /** Claude Code repeats a response's usage on each of its lines: summed per line it would count several times. */
    @Test
    void claudeUsageCountsEachResponseOnce() throws Exception {
        long expectedOutput = 0;
        long perLine = 0;
        for (Path f : files()) {
            if (!f.toString().contains("/claude/")) {
                continue;
            }
            Map<String, Long> lastOutput = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JsonNode n = single(line);
                if (n == null || !n.path("type").asText().equals("assistant") || !seen.add(n.path("uuid").asText())) {
                    continue;
                }
                JsonNode usage = n.path("message").path("usage");
                String id = n.path("message").path("id").asText(null);
                if (id != null && usage.has("output_tokens")) {
                    lastOutput.put(f + "|" + n.path("agentId").asText("") + "|" + id, usage.path("output_tokens").asLong());
                    perLine += usage.path("output_tokens").asLong();
                }
            }
            expectedOutput += lastOutput.values().stream().mapToLong(Long::longValue).sum();
            conv.importPaths(List.of(f), null, (p, m) -> { });
        }
        UsageService.Report r = new UsageService(omni).report(UsageService.By.AGENT, null, null, java.time.ZoneOffset.UTC);
        UsageService.Row claude = r.rows().stream().filter(x -> x.key().equals("claude")).findFirst().orElseThrow();
        assertThat(claude.tokens().output()).isEqualTo(expectedOutput);
        assertThat(perLine).isGreaterThan(expectedOutput);
    }

    /** A line that is exactly one JSON object (real files glue two together once; that line is reported, not read). */
    private static JsonNode single(String line) {
        if (line.isBlank()) {
            return null;
        }
        try (JsonParser p = Json.FACTORY.createParser(line)) {
            JsonNode n = Json.mapper().readTree(p);
            return p.nextToken() == null ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
