package dev.omni.desktop.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omni.core.Omni;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.Effort;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.memory.NextStatus;
import dev.omni.core.util.Json;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The demo's memory (facts, decisions, preferences, next steps) and an imported agent conversation. */
final class DemoKnowledge {
    private DemoKnowledge() {
    }

    static void seed(Omni omni, String projectId, Workspace main, Consumer<Duration> step) {
        MemoryService m = new MemoryService(omni);
        m.add(new MemoryService.NewItem(projectId, MemoryType.FACT, "Prices in the catalogue are in euros, with two decimals.", null,
                null, null, null, List.of("pricing", "catalog"), 0.8, null, null));
        m.add(new MemoryService.NewItem(projectId, MemoryType.FACT, "The test suite runs with `make test` (pytest, about 2 s).", null,
                null, null, null, List.of("tests"), 0.6, null, null));
        m.decide(projectId, "Totals are rounded to cents only when shown, never while summing",
                "Rounding each line loses cents on big carts; the checkout branch rounded early and the totals drifted.",
                DecisionCategory.APPROACH, List.of("pricing", "cart"), 0.9);
        m.decide(projectId, "Payments go through the card provider's hosted page",
                "We never see card numbers, so the shop stays out of PCI scope.", DecisionCategory.ARCHITECTURE, List.of("checkout"), 0.9);
        m.add(new MemoryService.NewItem(null, MemoryType.PREFERENCE, "Keep functions short and name them after what they return.",
                null, null, null, null, List.of("style"), 0.5, null, null));
        m.add(new MemoryService.NewItem(projectId, MemoryType.NOTE, "Cocoa is seasonal: hide it from the catalogue in summer.", null,
                null, null, null, List.of("catalog"), 0.4, null, null));
        step.accept(Duration.ofMinutes(5));
        MemoryItem merge = next(m, projectId, "Merge the checkout branch and resolve the cart total conflict", 1, Effort.MEDIUM, "cart");
        MemoryItem tests = next(m, projectId, "Add tests for discounts on mixed carts", 2, Effort.SMALL, "tests");
        next(m, projectId, "Show the discount on the receipt", 3, Effort.SMALL, "checkout");
        MemoryItem cocoa = next(m, projectId, "Add cocoa to the catalogue", 2, Effort.SMALL, "catalog");
        m.setStatus(merge.id(), NextStatus.STARTED);
        m.setStatus(tests.id(), NextStatus.STARTED);
        m.setStatus(cocoa.id(), NextStatus.COMPLETED);
        importConversation(omni, main);
    }

    private static MemoryItem next(MemoryService m, String projectId, String text, int priority, Effort effort, String tag) {
        return m.add(new MemoryService.NewItem(projectId, MemoryType.NEXT_STEP, text, null, null, priority, effort, List.of(tag), null,
                null, null));
    }

    /** A short Claude Code session (JSONL, as the agent writes it) imported like {@code omni conv import}. */
    private static void importConversation(Omni omni, Workspace main) {
        Path dir = main.localPath().getParent().resolve("transcripts");
        Path file = dir.resolve("3b1d7c2e-5a40-4f0e-9d55-1c2b3a4d5e6f.jsonl");
        Instant t = omni.now().minus(Duration.ofHours(2));
        StringBuilder out = new StringBuilder();
        String cwd = main.localPath().toString();
        out.append(line(cwd, t, "u1", null, "user", text("The cart total is off by a cent for three cocoas and a tea. Can you find out why?")));
        out.append(line(cwd, t.plusSeconds(4), "u2", "u1", "assistant", text("Let me look at how the total is computed.")));
        out.append(line(cwd, t.plusSeconds(5), "u3", "u2", "assistant", toolUse("toolu_1", "Read", "{\"file_path\":\"src/cart.py\"}")));
        out.append(line(cwd, t.plusSeconds(6), "u4", "u3", "user", toolResult("toolu_1",
                "class Cart:\n    def total(self):\n        gross = sum(price(n) * q for n, q in self.items.items())\n"
                        + "        return gross * (1 - self.discount)")));
        out.append(line(cwd, t.plusSeconds(20), "u5", "u4", "assistant", text(
                "The total multiplies floats and never rounds, so 3 × 5.25 + 4.50 with a 10% discount prints `18.224999999999998`."
                        + " Round once, when the total is shown:\n\n```python\ndef total(self):\n"
                        + "    gross = sum(price(n) * q for n, q in self.items.items())\n"
                        + "    return round(gross * (1 - self.discount), 2)\n```\n\n"
                        + "Rounding each line instead would lose cents on big carts.")));
        out.append(line(cwd, t.plusSeconds(40), "u6", "u5", "user", text("Good. Apply it and run the tests.")));
        out.append(line(cwd, t.plusSeconds(45), "u7", "u6", "assistant", toolUse("toolu_2", "Bash",
                "{\"command\":\"make test\",\"description\":\"Run the test suite\"}")));
        out.append(line(cwd, t.plusSeconds(48), "u8", "u7", "user", toolResult("toolu_2", "..\n2 passed in 0.03s")));
        out.append(line(cwd, t.plusSeconds(52), "u9", "u8", "assistant", text("Both tests pass. I also noted the rounding rule as a decision"
                + " so that the checkout branch follows it when you merge.")));
        try {
            Files.createDirectories(dir);
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new ConversationService(omni).importPaths(List.of(file), main.id(), Warnings.IGNORE);
    }

    private static ArrayNode text(String s) {
        ArrayNode a = Json.mapper().createArrayNode();
        a.addObject().put("type", "text").put("text", s);
        return a;
    }

    private static ArrayNode toolUse(String id, String name, String inputJson) {
        ArrayNode a = Json.mapper().createArrayNode();
        try {
            a.addObject().put("type", "tool_use").put("id", id).put("name", name).set("input", Json.mapper().readTree(inputJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return a;
    }

    private static ArrayNode toolResult(String id, String content) {
        ArrayNode a = Json.mapper().createArrayNode();
        a.addObject().put("type", "tool_result").put("tool_use_id", id).put("content", content).put("is_error", false);
        return a;
    }

    private static String line(String cwd, Instant at, String uuid, String parent, String role, ArrayNode content) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("sessionId", "3b1d7c2e-5a40-4f0e-9d55-1c2b3a4d5e6f");
        o.put("cwd", cwd);
        o.put("version", "2.0.31");
        o.put("gitBranch", "main");
        o.put("type", role);
        o.put("uuid", uuid);
        o.put("parentUuid", parent);
        o.put("timestamp", Times.format(at));
        ObjectNode msg = o.putObject("message");
        msg.put("role", role);
        if (role.equals("assistant")) {
            msg.put("model", "claude-sonnet-4-5");
        }
        msg.set("content", content);
        return o.toString() + "\n";
    }
}
