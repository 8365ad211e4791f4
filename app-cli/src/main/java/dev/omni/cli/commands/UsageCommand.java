package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.usage.Tokens;
import dev.omni.core.usage.UsageService;
import dev.omni.core.util.TimeArgs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni usage}: tokens spent by the agents, from their imported transcripts, and what they cost. */
@Command(name = "usage", description = {"Show the tokens agents used, and their estimated cost.",
    "Input, output, cache read and cache write of the imported conversations, grouped; the cost comes from",
    "omni's dated price table (override it in config.toml: price.\"MODEL\".input = 3.0)."})
public final class UsageCommand extends BaseCommand {
    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "day, week, month, project, model, agent, machine or session (default: day).")
    String by;

    @Option(names = "--since", paramLabel = "DATE", description = "Only responses since DATE (2026-11-01, or an age: 7d, 2w).")
    String since;

    @Option(names = "--project", paramLabel = "P", description = "Only this project's conversations (id, prefix or name).")
    String project;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        UsageService.By group = UsageService.By.parse(by);
        Instant from = since == null ? null : TimeArgs.since(since, ctx.env().clock().instant());
        String projectId = project == null ? null : new dev.omni.core.workspace.WorkspaceService(omni()).project(project).id();
        UsageService.Report r = new UsageService(omni()).report(group, from, projectId, ctx.env().zone());
        if (json.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("by", group.name().toLowerCase());
            out.put("prices_as_of", r.pricesAsOf());
            out.put("currency", r.currency());
            out.put("rows", r.rows().stream().map(UsageCommand::view).toList());
            out.put("total", view(r.total()));
            JsonOption.print(ctx.out(), out);
            return ExitCodes.OK;
        }
        if (r.rows().isEmpty()) {
            ctx.say("No usage recorded: import agent transcripts first (omni conv scan).");
            return ExitCodes.OK;
        }
        int width = Math.max(8, r.rows().stream().mapToInt(x -> x.key().length()).max().orElse(8));
        String fmt = "%-" + width + "s %9s %12s %12s %14s %14s %11s%n";
        ctx.out().printf(fmt, group.name().toLowerCase(), "responses", "input", "output", "cache read", "cache write", "cost");
        for (UsageService.Row row : r.rows()) {
            print(fmt, row);
        }
        print(fmt, r.total());
        ctx.out().println("cost: estimated from list prices as of " + r.pricesAsOf() + " (" + r.currency() + ")"
                + (r.total().unpriced().isEmpty() ? "" : "; no price for " + String.join(", ", r.total().unpriced())));
        return ExitCodes.OK;
    }

    private void print(String fmt, UsageService.Row row) {
        Tokens t = row.tokens();
        ctx.out().printf(fmt, row.key(), row.responses(), n(t.input()), n(t.output()), n(t.cacheRead()), n(t.cacheWrite()),
                row.cost() == null ? "-" : String.format("$%.2f", row.cost()) + (row.unpriced().isEmpty() ? "" : "+"));
    }

    private static String n(long v) {
        return String.format("%,d", v);
    }

    private static Map<String, Object> view(UsageService.Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", row.key());
        m.put("responses", row.responses());
        m.put("input_tokens", row.tokens().input());
        m.put("output_tokens", row.tokens().output());
        m.put("cache_read_tokens", row.tokens().cacheRead());
        m.put("cache_write_tokens", row.tokens().cacheWrite());
        m.put("cost", row.cost());
        m.put("unpriced_models", List.copyOf(row.unpriced()));
        return m;
    }
}
