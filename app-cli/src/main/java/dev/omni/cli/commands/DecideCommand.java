package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.MemoryService;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni decide}: records a decision and why it was made. */
@Command(name = "decide", description = {"Record a decision and its rationale.", "The same decision again updates the rationale."})
public final class DecideCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "DECISION", description = "What was decided.")
    List<String> decision;

    @Option(names = "--why", required = true, paramLabel = "RATIONALE", description = "Why.")
    String why;

    @Option(names = "--category", paramLabel = "C", description = "architecture, scope, tech_choice, approach, process or product.")
    String category;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--importance", paramLabel = "0..1", description = "How much it matters (default 0.5).")
    Double importance;

    @Mixin
    ScopeOptions scope;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws Exception {
        MemoryService.Decided d = new MemoryService(omni()).decide(scope.target(ctx), Texts.of(decision, ctx), why,
                category == null ? null : DecisionCategory.parse(category), tags, importance);
        if (json.json) {
            JsonOption.print(ctx.out(), MemoryViews.item(d.item()));
        } else {
            ctx.say((d.created() ? "Decided: " : d.changed() ? "Updated decision " : "Already decided: ") + d.item().id());
        }
        return ExitCodes.OK;
    }
}
