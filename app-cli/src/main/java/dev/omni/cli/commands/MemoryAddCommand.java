package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni memory add}: remembers one thing for the current project (or every project). */
@Command(name = "add", description = "Remember something for this project (--global: for every project).")
public final class MemoryAddCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to remember ('-' reads it from standard input).")
    List<String> text;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "fact",
            description = "fact (default), decision, preference, next_step, note, skill or event.")
    String type;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--importance", paramLabel = "0..1", description = "How much it matters (default 0.5).")
    Double importance;

    @Option(names = "--why", paramLabel = "TEXT", description = "The rationale (for decisions).")
    String why;

    @Option(names = "--category", paramLabel = "C", description = "For decisions: architecture, scope, tech_choice, approach, process, product.")
    String category;

    @Mixin
    ScopeOptions scope;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws Exception {
        MemoryType t = MemoryType.parse(type);
        MemoryItem m = new MemoryService(omni()).add(new MemoryService.NewItem(scope.target(ctx), t, Texts.of(text, ctx), why,
                category == null ? null : DecisionCategory.parse(category), null, null, tags, importance, null, null));
        if (json.json) {
            JsonOption.print(ctx.out(), MemoryViews.item(m));
        } else {
            ctx.say("Remembered " + m.type().wire() + " " + m.id() + (m.global() ? " for every project" : ""));
        }
        return ExitCodes.OK;
    }
}
