package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.cli.ScopeOptions;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.Effort;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni next add}: a next step, pending. */
@Command(name = "add", description = "Add a next step (pending).")
public final class NextAddCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to do next.")
    List<String> text;

    @Option(names = {"-p", "--priority"}, paramLabel = "1..3", defaultValue = "2", description = "1 high, 2 (default), 3 low.")
    int priority;

    @Option(names = {"-e", "--effort"}, paramLabel = "E", description = "small, medium or large.")
    String effort;

    @Option(names = "--why", paramLabel = "TEXT", description = "Why it matters.")
    String why;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Mixin
    ScopeOptions scope;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws Exception {
        MemoryItem m = new MemoryService(omni()).add(new MemoryService.NewItem(scope.target(ctx), MemoryType.NEXT_STEP,
                Texts.of(text, ctx), why, null, priority, effort == null ? null : Effort.parse(effort), tags, null, null, null));
        if (json.json) {
            JsonOption.print(ctx.out(), MemoryViews.item(m));
        } else {
            ctx.say("Next step " + m.id() + " (P" + m.priority() + ")");
        }
        return ExitCodes.OK;
    }
}
