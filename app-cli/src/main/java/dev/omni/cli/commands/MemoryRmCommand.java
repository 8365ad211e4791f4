package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code omni memory rm}: a soft delete that {@code restore} undoes. */
@Command(name = "rm", description = "Remove memory items ('omni memory restore' brings them back).")
public final class MemoryRmCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids or unique prefixes.")
    List<String> ids;

    @Override
    protected int run() {
        MemoryService svc = new MemoryService(omni());
        for (String id : ids) {
            MemoryItem m = svc.remove(id);
            ctx.say("Removed " + m.id() + " (undo: omni memory restore " + m.id() + ")");
        }
        return ExitCodes.OK;
    }
}
