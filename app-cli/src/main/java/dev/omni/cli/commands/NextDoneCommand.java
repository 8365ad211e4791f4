package dev.omni.cli.commands;

import dev.omni.core.memory.NextStatus;
import picocli.CommandLine.Command;

/** {@code omni next done}: moves next steps to completed. */
@Command(name = "done", description = "Mark next steps done.")
public final class NextDoneCommand extends NextMoveCommand {
    public NextDoneCommand() {
        super(NextStatus.COMPLETED, "Done");
    }
}
