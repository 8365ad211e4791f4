package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code omni memory}: what a project has learned. */
@Command(name = "memory", description = {"Remember facts, decisions and preferences; search them.",
            "Facts, decisions, preferences, next steps, notes, skills and events: add, list, show, edit, remove,",
            "restore, search, export and import them."},
        subcommands = {MemoryAddCommand.class, MemoryListCommand.class, MemoryShowCommand.class, MemoryEditCommand.class,
            MemoryRmCommand.class, MemoryRestoreCommand.class, MemorySearchCommand.class, MemoryExportCommand.class,
            MemoryImportCommand.class})
public final class MemoryCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.err());
        return ExitCodes.USAGE;
    }
}
