package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code omni next}: the project's next steps. */
@Command(name = "next", description = "Plan next steps: add, list, start, done, dismiss.",
        subcommands = {NextAddCommand.class, NextListCommand.class, NextStartCommand.class, NextDoneCommand.class,
            NextDismissCommand.class})
public final class NextCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.err());
        return ExitCodes.USAGE;
    }
}
