package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code omni config}: the settings in config.toml. */
@Command(name = "config", description = {"Show or change settings (config.toml in the config directory).",
    "omni config                  list every setting",
    "omni config get KEY          one value",
    "omni config set KEY VALUE    change one (unset KEY: back to the default)"})
public final class ConfigCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "get, set or unset")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY")
    String key;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE")
    String value;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Config config = Config.load(omni().home().configDir());
        if (action == null) {
            if (json.json) {
                JsonOption.print(ctx.out(), config.all());
            } else {
                for (Config.Key k : Config.Key.values()) {
                    ctx.out().printf("%-26s %-24s %s%n", k.key(), config.get(k).isEmpty() ? "(unset)" : config.get(k), ctx.style().dim(k.help()));
                }
            }
            return ExitCodes.OK;
        }
        if (key == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "which setting? (omni config lists them)");
        }
        Config.Key k = Config.Key.of(key);
        switch (action) {
            case "get" -> ctx.out().println(config.get(k));
            case "set" -> {
                if (value == null) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "set needs a value");
                }
                config.set(k, value);
                ctx.say(k.key() + " = " + value);
            }
            case "unset" -> {
                config.set(k, null);
                ctx.say(k.key() + " is back to its default (" + (k.defaultValue().isEmpty() ? "unset" : k.defaultValue()) + ")");
            }
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action
                    + "'; use get, set or unset");
        }
        return ExitCodes.OK;
    }
}
