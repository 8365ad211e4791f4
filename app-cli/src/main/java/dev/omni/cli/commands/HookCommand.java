package dev.omni.cli.commands;

import dev.omni.cli.BaseCommand;
import dev.omni.cli.ExitCodes;
import dev.omni.core.Warnings;
import dev.omni.core.agent.AgentHooks;
import dev.omni.core.agent.AgentLog;
import dev.omni.core.agent.AgentSettings;
import dev.omni.core.agent.HookInput;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code omni hook AGENT [JSON]}: what the agents run at each hook event (written by
 * {@code omni hooks install}). It reads the event's JSON from standard input (Codex's notify passes
 * it as an argument), and it never fails the agent: it always exits 0, and errors go to
 * {@code <home>/logs/agents.log}, where {@code omni hooks status} shows them.
 */
@Command(name = "hook", hidden = true, description = "Run omni's part of an agent hook event (what 'omni hooks install' writes).")
public final class HookCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "AGENT", description = "claude or codex.")
    String agent;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON", description = "The event (Codex's notify); else standard input.")
    String json;

    @Override
    protected int run() {
        AgentLog log = null;
        long t0 = System.nanoTime();
        try {
            log = new AgentLog(omni().home().logs(), ctx.env().clock());
            // The store opens while the hook scans the working copy.
            omni().openInBackground();
            String input = json != null ? json : new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
            String name = AgentSettings.Agent.parse(agent).wire();
            HookInput in = HookInput.parse(input);
            AgentLog l = log;
            Warnings warnings = (path, message) -> l.info(name + " " + in.event() + ": warning: " + (path == null ? "" : path + ": ")
                    + message);
            AgentHooks.Outcome o = new AgentHooks(omni()).handle(name, in, warnings);
            if (!o.output().isEmpty()) {
                ctx.out().println(o.output());
            }
            log.info(name + " " + in.event() + " session " + in.sessionId() + ": " + o.summary()
                    + String.format(" (%.0f ms)", (System.nanoTime() - t0) / 1e6));
        } catch (Exception | Error e) {
            // A hook never breaks the agent: the error goes to the log, the exit code stays 0.
            String line = "hook " + agent + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            if (log != null) {
                log.error(line);
            } else {
                try {
                    new AgentLog(dev.omni.core.home.OmniHome.resolve(ctx.env(), null).logs(), ctx.env().clock()).error(line);
                } catch (RuntimeException ignored) {
                    // nowhere to write it
                }
            }
        }
        return ExitCodes.OK;
    }
}
