package dev.omni.cli.commands;

import dev.omni.core.memory.NextStatus;
import picocli.CommandLine.Command;

/** {@code omni next start}: moves next steps to started. */
@Command(name = "start", description = "Start a next step.")
public final class NextStartCommand extends NextMoveCommand {
    public NextStartCommand() {
        super(NextStatus.STARTED, "Started");
    }
}
