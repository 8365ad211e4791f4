package dev.omni.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.omni.core.Omni;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageServiceTest {
    @TempDir
    Path tmp;
    TestHome t;
    Omni omni;

    @BeforeEach
    void open() {
        t = new TestHome(tmp);
        omni = t.open();
    }

    @AfterEach
    void close() {
        omni.close();
    }

    private static String assistant(String uuid, String msgId, String model, String usage, String at) {
        return "{\"type\":\"assistant\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"s1\",\"timestamp\":\"" + at + "\",\"message\":{\"id\":\""
                + msgId + "\",\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                + "\"usage\":" + usage + "}}\n";
    }

    private void importFile(Path f) {
        new ConversationService(omni).importPaths(List.of(f), null, (p, m) -> { });
    }

    @Test
    void aResponseSplitOverLinesAndImportsCountsOnce() throws Exception {
        String u1 = "{\"input_tokens\":10,\"output_tokens\":100,\"cache_read_input_tokens\":1000,\"cache_creation_input_tokens\":50}";
        String u2 = "{\"input_tokens\":20,\"output_tokens\":200,\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0}";
        Path f = tmp.resolve("s1.jsonl");
        Files.writeString(f, "{\"type\":\"user\",\"uuid\":\"u0\",\"sessionId\":\"s1\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"go\"}}\n"
                + assistant("a1", "msg_A", "claude-sonnet-4-5-20250929", u1, "2026-11-20T10:00:01Z")
                + assistant("a2", "msg_A", "claude-sonnet-4-5-20250929", u1, "2026-11-20T10:00:02Z"));
        importFile(f);
        // the session grew: the same response goes on, then a new one, the next day
        Files.writeString(f, assistant("a3", "msg_A", "claude-sonnet-4-5-20250929", u1, "2026-11-20T10:00:03Z")
                + assistant("a4", "msg_B", "claude-sonnet-4-5-20250929", u2, "2026-11-21T09:00:00Z"), StandardOpenOption.APPEND);
        importFile(f);

        UsageService.Report r = new UsageService(omni).report(UsageService.By.DAY, null, null, ZoneOffset.UTC);
        assertThat(r.rows()).extracting(UsageService.Row::key).containsExactly("2026-11-20", "2026-11-21");
        assertThat(r.total().responses()).isEqualTo(2);
        assertThat(r.total().tokens()).isEqualTo(new Tokens(30, 300, 1000, 50));
        // sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million
        assertThat(r.total().cost()).isCloseTo((30 * 3 + 300 * 15 + 1000 * 0.30 + 50 * 3.75) / 1e6, within(1e-12));
        assertThat(r.total().unpriced()).isEmpty();
    }

    @Test
    void codexCachedInputIsReadFromTheCacheAndConfigPricesWin() throws Exception {
        Path f = tmp.resolve("rollout-2026-11-20T10-00-00-abc.jsonl");
        Files.writeString(f, "{\"timestamp\":\"2026-11-20T10:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"abc\",\"cwd\":\"/x\"}}\n"
                + "{\"timestamp\":\"2026-11-20T10:00:00Z\",\"type\":\"turn_context\",\"payload\":{\"model\":\"gpt-9-future\"}}\n"
                + "{\"timestamp\":\"2026-11-20T10:00:01Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}\n"
                + "{\"timestamp\":\"2026-11-20T10:00:02Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]}}\n"
                + "{\"timestamp\":\"2026-11-20T10:00:03Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":{\"last_token_usage\":"
                + "{\"input_tokens\":1000,\"cached_input_tokens\":800,\"output_tokens\":50}}}}\n");
        importFile(f);
        UsageService.Report before = new UsageService(omni).report(UsageService.By.MODEL, null, null, ZoneOffset.UTC);
        assertThat(before.rows().get(0).tokens()).isEqualTo(new Tokens(200, 50, 800, 0));
        assertThat(before.rows().get(0).cost()).isNull();
        assertThat(before.total().unpriced()).containsExactly("gpt-9-future");

        Files.createDirectories(t.home.resolve("config"));
        Files.writeString(t.home.resolve("config/config.toml"), "[price.\"gpt-9-future\"]\ninput = 2.0\noutput = \"10\"\ncache_read = 0.5\n");
        UsageService.Report after = new UsageService(omni).report(UsageService.By.MODEL, null, null, ZoneOffset.UTC);
        assertThat(after.total().cost()).isCloseTo((200 * 2.0 + 50 * 10 + 800 * 0.5) / 1e6, within(1e-12));
        assertThat(after.pricesAsOf()).contains("config.toml");
    }

    @Test
    void pricesMatchTheLongestModelPrefix() {
        Prices p = Prices.load(Map.of());
        assertThat(p.of("claude-opus-4-5-20251101")).isEqualTo(p.of("claude-opus-4-5"));
        assertThat(p.of("claude-opus-4-5-20251101").input()).isEqualTo(5.0);
        assertThat(p.of("claude-opus-4-20250514").input()).isEqualTo(15.0);
        assertThat(p.of("gpt-5.1-codex-max").output()).isEqualTo(10.0);
        assertThat(p.of("anthropic/claude-sonnet-4")).isNotNull();
        assertThat(p.of("qwen3.6-35b")).isNull();
    }
}
