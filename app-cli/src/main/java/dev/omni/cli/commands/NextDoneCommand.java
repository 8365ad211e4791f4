package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.NextStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code omni next done}: moves next steps to completed. */
@Command(name = "done", description = "Mark next steps done.")
public final class NextDoneCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids or unique prefixes.")
    List<String> ids;

    @Override
    protected int run() {
        MemoryService svc = new MemoryService(omni());
        for (String id : ids) {
            MemoryItem m = svc.setStatus(id, NextStatus.COMPLETED);
            ctx.say("Done: " + MemoryViews.firstLine(m.content(), 80));
        }
        return ExitCodes.OK;
    }
}
