package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.agent.AgentLog;
import dev.omni.core.agent.AgentSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni hooks install|uninstall|status}: checkpoints at every agent turn. */
@Command(name = "hooks", description = {"Checkpoint every agent turn through the agents' hooks.",
    "A snapshot before and after each turn; transcripts imported as they are written."},
        subcommands = {HooksCommand.Install.class, HooksCommand.Uninstall.class, HooksCommand.Status.class})
public final class HooksCommand extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(ctx.err());
        return ExitCodes.USAGE;
    }

    /** {@code --agent} and {@code --global}, shared by install and uninstall. */
    static final class Target {
        @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "claude or codex.")
        String agent;

        @Option(names = "--global", description = "The user's settings instead of this project's.")
        boolean global;
    }

    @Command(name = "install", description = {"Add omni's hooks to an agent's settings.",
        "Everything else in the file stays as it was.",
        "Claude Code: .claude/settings.json (--global: ~/.claude/settings.json). Codex: .codex/hooks.json",
        "(--global: ~/.codex/hooks.json), or its notify program in config.toml for versions before 0.124."})
    public static final class Install extends BaseCommand {
        @Mixin
        Target target = new Target();

        @Option(names = "--notify", description = "Codex: use its notify program (one checkpoint per turn) instead of hooks.")
        boolean notify;

        @Override
        protected int run() {
            AgentSettings.Agent a = AgentSettings.Agent.parse(target.agent);
            AgentSettings s = AgentCommands.settings(ctx);
            AgentSettings.Scope scope = AgentCommands.scope(ctx, target.global);
            if (a == AgentSettings.Agent.CODEX && (notify || AgentSettings.codexNeedsNotify(codexVersion()))) {
                AgentCommands.report(ctx, s.installNotify(scope));
            } else {
                AgentCommands.report(ctx, s.installHooks(a, scope));
                if (a == AgentSettings.Agent.CODEX) {
                    ctx.say("Codex asks you to review and trust new hooks before it runs them.");
                }
            }
            return ExitCodes.OK;
        }

        /** What {@code codex --version} prints, or null when Codex is not installed here. */
        private String codexVersion() {
            try {
                Process p = new ProcessBuilder("codex", "--version").redirectErrorStream(true).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readNBytes(4096);
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return p.exitValue() == 0 ? new String(out, java.nio.charset.StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    @Command(name = "uninstall", description = {"Remove omni's hooks from an agent's settings.", "Nothing else changes."})
    public static final class Uninstall extends BaseCommand {
        @Mixin
        Target target = new Target();

        @Override
        protected int run() {
            AgentSettings.Agent a = AgentSettings.Agent.parse(target.agent);
            AgentSettings s = AgentCommands.settings(ctx);
            AgentSettings.Scope scope = AgentCommands.scope(ctx, target.global);
            AgentCommands.report(ctx, s.uninstallHooks(a, scope));
            if (a == AgentSettings.Agent.CODEX) {
                AgentCommands.report(ctx, s.uninstallNotify(scope));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "Show where omni's hooks are installed and their errors.")
    public static final class Status extends BaseCommand {
        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            AgentSettings s = AgentCommands.settings(ctx);
            Map<String, Object> out = new LinkedHashMap<>();
            for (AgentSettings.Agent a : AgentSettings.Agent.values()) {
                for (boolean global : new boolean[] {false, true}) {
                    AgentSettings.Installed i = s.hooksStatus(a, AgentCommands.scope(ctx, global));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("file", i.file().toString());
                    m.put("events", i.entries());
                    out.put(a.wire() + (global ? " (user)" : " (project)"), m);
                }
            }
            AgentLog log = new AgentLog(omni().home().logs(), ctx.env().clock());
            List<String> errors = log.lastErrors(5);
            if (json.json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("installed", out);
                all.put("log", log.file().toString());
                all.put("errors", errors);
                JsonOption.print(ctx.out(), all);
                return ExitCodes.OK;
            }
            for (Map.Entry<String, Object> e : out.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) e.getValue();
                List<?> events = (List<?>) m.get("events");
                ctx.out().printf("%-16s %s: %s%n", e.getKey(), m.get("file"), events.isEmpty() ? "not installed" : String.join(", ",
                        events.stream().map(Object::toString).toList()));
            }
            ctx.out().println("log: " + log.file());
            if (errors.isEmpty()) {
                ctx.out().println("no hook errors");
            } else {
                ctx.out().println("last hook errors:");
                errors.forEach(l -> ctx.out().println("  " + l));
            }
            return ExitCodes.OK;
        }
    }
}
