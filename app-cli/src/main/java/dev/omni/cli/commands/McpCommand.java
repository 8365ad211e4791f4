package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.cli.JsonOption;
import dev.omni.core.OmniException;
import dev.omni.core.agent.AgentSettings;
import dev.omni.mcp.OmniMcpServer;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omni mcp}: the MCP server for coding agents, and its registration in their settings. */
@Command(name = "mcp", description = {"Serve this project to coding agents over MCP (stdio).",
    "Tools: search, memory, decisions, next steps, context, conversations, status, log, diff, file_at,",
    "snapshot (restore with --allow-restore). 'omni mcp install' registers it with an agent."},
        subcommands = {McpCommand.Install.class, McpCommand.Uninstall.class, McpCommand.Status.class})
public final class McpCommand extends BaseCommand {
    @Option(names = "--project", paramLabel = "P", description = "Serve this project (id, prefix or name) instead of the current directory's.")
    String project;

    @Option(names = "--allow-restore", description = "Offer the restore tool (it rewrites files of the working copy).")
    boolean allowRestore;

    @Override
    protected int run() throws Exception {
        if (ctx.rawOut() == null) {
            throw OmniException.invalid("omni mcp speaks on standard output; it cannot run embedded");
        }
        new OmniMcpServer(omni(), ctx.env().cwd(), project, allowRestore).serve(ctx.in(), ctx.rawOut());
        return ExitCodes.OK;
    }

    @Command(name = "install", description = {"Register omni's MCP server in an agent's settings.",
        "Claude Code's .mcp.json (--global: ~/.claude.json) or Codex's config.toml ([mcp_servers.omni];",
        "--global: ~/.codex/config.toml). Every other entry stays as it was."})
    public static final class Install extends BaseCommand {
        @Mixin
        HooksCommand.Target target = new HooksCommand.Target();

        @Override
        protected int run() {
            AgentSettings.Agent a = AgentSettings.Agent.parse(target.agent);
            AgentCommands.report(ctx, AgentCommands.settings(ctx).installMcp(a, AgentCommands.scope(ctx, target.global)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", description = {"Remove omni's MCP server from an agent's settings.", "Nothing else changes."})
    public static final class Uninstall extends BaseCommand {
        @Mixin
        HooksCommand.Target target = new HooksCommand.Target();

        @Override
        protected int run() {
            AgentSettings.Agent a = AgentSettings.Agent.parse(target.agent);
            AgentCommands.report(ctx, AgentCommands.settings(ctx).uninstallMcp(a, AgentCommands.scope(ctx, target.global)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "Show where omni's MCP server is registered.")
    public static final class Status extends BaseCommand {
        @Mixin
        JsonOption json;

        @Override
        protected int run() {
            AgentSettings s = AgentCommands.settings(ctx);
            Map<String, Object> out = new LinkedHashMap<>();
            for (AgentSettings.Agent a : AgentSettings.Agent.values()) {
                for (boolean global : new boolean[] {false, true}) {
                    AgentSettings.Installed i = s.mcpStatus(a, AgentCommands.scope(ctx, global));
                    String key = a.wire() + (global ? " (user)" : " (project)");
                    if (json.json) {
                        out.put(key, Map.of("file", i.file().toString(), "installed", !i.entries().isEmpty(),
                                "command", String.join(" ", i.entries())));
                    } else {
                        ctx.out().printf("%-16s %s: %s%n", key, i.file(), i.entries().isEmpty() ? "not installed" : i.entries().get(0));
                    }
                }
            }
            if (json.json) {
                JsonOption.print(ctx.out(), out);
            }
            return ExitCodes.OK;
        }
    }
}
