package dev.omni.core.agent;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.memory.ContextDigest;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceRef;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What omni does at each hook event of a coding agent: a checkpoint before a turn
 * ({@code UserPromptSubmit}), a checkpoint after it and an import of the transcript ({@code Stop},
 * {@code SubagentStop}; Codex's {@code agent-turn-complete} notification, which has no "before",
 * does both at once), an import before the agent compacts its context ({@code PreCompact}), and the
 * project's context digest for a new session ({@code SessionStart}, whose output the agent reads).
 */
public final class AgentHooks {
    /** The digest handed to a new session is at most this long. */
    static final int DIGEST_CHARS = 8000;

    private final Omni omni;

    public AgentHooks(Omni omni) {
        this.omni = omni;
    }

    /** What a hook did: text for the agent (standard output; empty for most events) and a line for the log. */
    public record Outcome(String output, String summary) {
        static Outcome quiet(String summary) {
            return new Outcome("", summary);
        }
    }

    public Outcome handle(String agent, HookInput in, Warnings warnings) {
        String event = in.event();
        if (event == null) {
            throw OmniException.invalid("the hook input names no event (hook_event_name)");
        }
        Path cwd = cwd(in);
        AgentTurns turns = new AgentTurns(omni);
        String session = in.sessionId();
        Path transcript = path(in.get("transcript_path"));
        return switch (event) {
            case "UserPromptSubmit" -> turns.begin(agent, session, cwd, in.get("prompt"), transcript, warnings)
                    .map(t -> Outcome.quiet("turn " + t.label() + " began at " + t.before()))
                    .orElse(Outcome.quiet("not in a workspace: " + cwd));
            case "Stop", "SubagentStop" -> {
                Optional<Turn> t = turns.end(agent, session, cwd, transcript, warnings);
                if (t.isEmpty()) {
                    yield Outcome.quiet("not in a workspace: " + cwd);
                }
                AgentTurns.Linked l = turns.importTranscript(agent, session, transcript, warnings);
                yield Outcome.quiet("turn " + t.get().label() + " ended at " + t.get().after() + "; " + l.turns() + " turn(s) linked");
            }
            case "PreCompact" -> {
                if (WorkspaceFile.find(cwd).isEmpty()) {
                    yield Outcome.quiet("not in a workspace: " + cwd);
                }
                AgentTurns.Linked l = turns.importTranscript(agent, session, transcript, warnings);
                yield Outcome.quiet("transcript imported; " + l.turns() + " turn(s) linked");
            }
            case "SessionStart" -> new Outcome(digest(cwd), "context digest handed to session " + session);
            case "agent-turn-complete" -> codexTurn(agent, in, cwd, warnings);
            default -> Outcome.quiet("event " + event + " ignored");
        };
    }

    /** Codex's notify program runs once a turn is done: the turn's before is the previous checkpoint. */
    private Outcome codexTurn(String agent, HookInput in, Path cwd, Warnings warnings) {
        AgentTurns turns = new AgentTurns(omni);
        String session = in.sessionId();
        List<String> inputs = in.inputMessages();
        String prompt = inputs.isEmpty() ? null : inputs.get(inputs.size() - 1);
        Optional<WorkspaceRef> ref = WorkspaceFile.find(cwd);
        if (ref.isEmpty()) {
            return Outcome.quiet("not in a workspace: " + cwd);
        }
        // No hook ran before the turn: open it on the last checkpoint without taking a new one.
        Optional<Turn> begun = turns.open(agent, session, ref.get(), prompt);
        Optional<Turn> t = turns.end(agent, session, cwd, null, warnings);
        Path rollout = codexRollout(session);
        AgentTurns.Linked l = turns.importTranscript(agent, session, rollout, warnings);
        return Outcome.quiet("turn " + t.map(Turn::label).orElse(begun.map(Turn::label).orElse("?")) + " ended"
                + (rollout == null ? "; rollout not found" : "; " + l.turns() + " turn(s) linked"));
    }

    /** The Codex rollout file of a session: {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-…-<id>.jsonl}. */
    Path codexRollout(String sessionId) {
        String home = omni.env().get("CODEX_HOME");
        Path sessions = (home != null ? Path.of(home) : omni.env().userHome().resolve(".codex")).resolve("sessions");
        if (sessionId == null || !Files.isDirectory(sessions)) {
            return null;
        }
        String suffix = sessionId + ".jsonl";
        try (Stream<Path> s = Files.walk(sessions, 4)) {
            return s.filter(p -> p.getFileName().toString().startsWith("rollout-") && p.getFileName().toString().endsWith(suffix))
                    .max(Path::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The context digest of the project around {@code cwd}; empty outside a workspace. */
    private String digest(Path cwd) {
        Optional<WorkspaceRef> ref = WorkspaceFile.find(cwd);
        if (ref.isEmpty()) {
            return "";
        }
        var project = new WorkspaceService(omni).project(ref.get().projectId());
        return new ContextDigest(omni).build(project.id(), project.name(), DIGEST_CHARS);
    }

    private Path cwd(HookInput in) {
        Path p = path(in.get("cwd"));
        return p != null ? p : omni.env().cwd();
    }

    private static Path path(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
