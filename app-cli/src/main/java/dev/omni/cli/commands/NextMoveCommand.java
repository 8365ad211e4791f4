package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.support.MemoryViews;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.NextStatus;
import java.util.List;
import picocli.CommandLine.Parameters;

/** {@code omni next start|done|dismiss}: moves next steps to one status. */
abstract class NextMoveCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids or unique prefixes.")
    List<String> ids;

    private final NextStatus to;
    private final String said;

    NextMoveCommand(NextStatus to, String said) {
        this.to = to;
        this.said = said;
    }

    @Override
    protected int run() {
        MemoryService svc = new MemoryService(omni());
        for (String id : ids) {
            MemoryItem m = svc.setStatus(id, to);
            ctx.say(said + ": " + MemoryViews.firstLine(m.content(), 80));
        }
        return ExitCodes.OK;
    }
}
