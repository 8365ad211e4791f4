package dev.omni.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** Prints the shell completion script that picocli generates from the command model. */
@Command(name = "completion", description = {"Print a bash/zsh completion script.",
    "Use: source <(omni completion)   (zsh: autoload -U bashcompinit && bashcompinit first)"})
public final class CompletionCommand extends BaseCommand {
    @Override
    protected int run() {
        ctx.out().print(AutoComplete.bash("omni", spec.root().commandLine()));
        return ExitCodes.OK;
    }
}
