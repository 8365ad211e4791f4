package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code omni conv}: conversations with AI coding agents. */
@Command(name = "conv", description = {"Import, search and show conversations with AI agents.",
            "Transcripts of Claude Code, Codex, Aider and JSON: import, scan, list, show, search, export, remove."},
        subcommands = {ConvImportCommand.class, ConvScanCommand.class, ConvListCommand.class, ConvShowCommand.class,
            ConvSearchCommand.class, ConvExportCommand.class, ConvRmCommand.class})
public final class ConvCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.err());
        return ExitCodes.USAGE;
    }
}
