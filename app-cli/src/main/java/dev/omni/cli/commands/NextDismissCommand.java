package dev.omni.cli.commands;

import dev.omni.core.memory.NextStatus;
import picocli.CommandLine.Command;

/** {@code omni next dismiss}: moves next steps to dismissed. */
@Command(name = "dismiss", description = "Dismiss next steps (they will not be done).")
public final class NextDismissCommand extends NextMoveCommand {
    public NextDismissCommand() {
        super(NextStatus.DISMISSED, "Dismissed");
    }
}
