package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code omni memory restore}: brings removed items back. */
@Command(name = "restore", description = "Bring removed memory items back (see 'omni memory list --deleted').")
public final class MemoryRestoreCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids or unique prefixes.")
    List<String> ids;

    @Override
    protected int run() {
        MemoryService svc = new MemoryService(omni());
        for (String id : ids) {
            MemoryItem m = svc.restore(id);
            ctx.say("Restored " + m.id());
        }
        return ExitCodes.OK;
    }
}
