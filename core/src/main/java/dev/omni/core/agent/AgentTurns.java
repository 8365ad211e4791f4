package dev.omni.core.agent;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.DiffService;
import dev.omni.core.diff.FileDiff;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceFile;
import dev.omni.core.workspace.WorkspaceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The turns of coding agents' sessions. An agent's hooks call {@link #begin} when the user submits a
 * prompt and {@link #end} when the agent stops: each takes a checkpoint of the working copy (a
 * snapshot with source {@code agent}; none when nothing changed, the workspace's current snapshot
 * stands for it), so that a turn is the pair (before, after) whatever tool made the edits.
 * {@link #rewind} puts the working copy back to a turn's before state.
 */
public final class AgentTurns {
    /** The source of the snapshots the hooks take. */
    public static final String SOURCE = "agent";
    /** How much of a prompt is kept with the turn. */
    static final int PROMPT_CHARS = 500;

    private final Omni omni;

    public AgentTurns(Omni omni) {
        this.omni = omni;
    }

    /**
     * A new turn of {@code sessionId} in the workspace around {@code cwd}: a checkpoint of the working
     * copy first. Empty when {@code cwd} is in no omni workspace (nothing to checkpoint).
     */
    public Optional<Turn> begin(String agent, String sessionId, Path cwd, String prompt, Path transcript, Warnings warnings) {
        requireSession(sessionId);
        Optional<WorkspaceRef> ref = WorkspaceFile.find(cwd);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String promptStart = prompt == null ? null : shorten(prompt.strip(), PROMPT_CHARS);
        // The scan comes first and needs no database (a store opening in the background overlaps it);
        // the turn's number is in the turn, and 'omni log' shows it beside the snapshot.
        Checkpoint before = checkpoint(ref.get(), agent + " " + Turn.shortSession(sessionId) + " before: "
                + (promptStart == null ? "" : shorten(promptStart.replace('\n', ' '), 72)), warnings);
        Instant now = omni.now();
        return Optional.of(omni.db().write(c -> {
            // Numbered under the write lock: two hooks of one session may race.
            int n = Turns.lastTurn(c, agent, sessionId) + 1;
            Turn t = new Turn(omni.newId(), agent, sessionId, n, before.workspace().projectId(), before.workspace().id(), promptStart,
                    before.id(), null, transcript == null ? null : transcript.toString(), now, null, null, null);
            Turns.insert(c, t);
            return t;
        }));
    }

    /**
     * The end of the session's current turn (or of a subagent within it): a checkpoint, recorded as
     * the turn's after state. A session whose start this store did not see gets a turn whose before
     * state is the workspace's snapshot before this checkpoint. Empty outside a workspace.
     */
    public Optional<Turn> end(String agent, String sessionId, Path cwd, Path transcript, Warnings warnings) {
        requireSession(sessionId);
        Optional<WorkspaceRef> ref = WorkspaceFile.find(cwd);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint after = checkpoint(ref.get(), agent + " " + Turn.shortSession(sessionId) + " after", warnings);
        Workspace ws = after.workspace();
        Instant now = omni.now();
        String path = transcript == null ? null : transcript.toString();
        return Optional.of(omni.db().write(c -> {
            Optional<Turn> latest = Turns.latest(c, agent, sessionId);
            if (latest.isEmpty()) {
                Turn t = new Turn(omni.newId(), agent, sessionId, 1, ws.projectId(), ws.id(), null, after.previous(), after.id(), path,
                        now, now, null, null);
                Turns.insert(c, t);
                return t;
            }
            Turn l = latest.get();
            Turn t = new Turn(l.id(), l.agent(), l.sessionId(), l.turn(), l.projectId(), l.workspaceId(), l.prompt(), l.before(),
                    after.id(), path != null ? path : l.transcriptPath(), l.startedAt(), now, l.conversationId(), l.messageId());
            Turns.finish(c, t);
            return t;
        }));
    }

    /**
     * Opens a turn on the workspace's current snapshot without taking a checkpoint, for agents that
     * report only the end of a turn (Codex's notify): the previous checkpoint is the turn's before.
     * Empty when the session's latest turn is still open.
     */
    Optional<Turn> open(String agent, String sessionId, WorkspaceRef ref, String prompt) {
        requireSession(sessionId);
        Workspace ws = new SnapshotService(omni).workspace(ref);
        Instant now = omni.now();
        String promptStart = prompt == null ? null : shorten(prompt.strip(), PROMPT_CHARS);
        return omni.db().write(c -> {
            Optional<Turn> latest = Turns.latest(c, agent, sessionId);
            if (latest.isPresent() && latest.get().after() == null) {
                return Optional.<Turn>empty();
            }
            int n = latest.map(Turn::turn).orElse(0) + 1;
            Turn t = new Turn(omni.newId(), agent, sessionId, n, ws.projectId(), ws.id(), promptStart, ws.currentSnapshot(), null,
                    null, now, null, null, null);
            Turns.insert(c, t);
            return Optional.of(t);
        });
    }

    /**
     * A checkpoint: the snapshot that stands for the working copy now ({@code id}: a new one, or the
     * current one when nothing changed), the one that stood before it, and the workspace.
     */
    private record Checkpoint(SnapshotId id, SnapshotId previous, Workspace workspace) {
    }

    private Checkpoint checkpoint(WorkspaceRef ref, String message, Warnings warnings) {
        SnapshotService snaps = new SnapshotService(omni);
        SnapshotService.Taken taken = snaps.take(ref, SnapshotService.Options.of(message, SOURCE), warnings, Progress.NONE);
        Workspace ws = snaps.workspace(ref);
        if (taken.recorded()) {
            List<SnapshotId> parents = taken.snapshot().parents();
            return new Checkpoint(taken.snapshot().id(), parents.isEmpty() ? null : parents.get(0), ws);
        }
        return new Checkpoint(ws.currentSnapshot(), ws.currentSnapshot(), ws);
    }

    /** What importing a session's transcript linked: turns now tied to their user message. */
    public record Linked(String conversationId, int turns) {
    }

    /**
     * Imports the transcript an agent named (and its subagents' files), then ties the session's turns
     * to the conversation and to the user message that started each.
     */
    public Linked importTranscript(String agent, String sessionId, Path transcript, Warnings warnings) {
        if (transcript != null && Files.isRegularFile(transcript)) {
            new ConversationService(omni).importTranscript(transcript, warnings);
        }
        return link(agent, sessionId);
    }

    /**
     * Ties the session's turns to its imported conversation: each turn to the first user message after
     * the previous turn's whose text starts like the turn's prompt (or, for a turn without a prompt,
     * the first one written after the turn began).
     */
    public Linked link(String agent, String sessionId) {
        ConversationService convs = new ConversationService(omni);
        Optional<Conversation> conv = convs.bySource(agent, sessionId);
        if (conv.isEmpty()) {
            return new Linked(null, 0);
        }
        List<Turn> turns = omni.db().read(c -> Turns.ofSession(c, sessionId)).stream().filter(t -> t.agent().equals(agent)).toList();
        if (turns.stream().allMatch(t -> t.messageId() != null)) {
            return new Linked(conv.get().id(), 0);
        }
        List<Message> users = convs.userMessages(conv.get().id());
        Map<String, Long> seqOf = new HashMap<>();
        users.forEach(m -> seqOf.put(m.id(), m.seq()));
        List<String[]> links = new ArrayList<>();
        long after = 0;
        for (Turn t : turns) {
            if (t.messageId() != null) {
                after = Math.max(after, seqOf.getOrDefault(t.messageId(), 0L));
                continue;
            }
            Message m = match(t, users, after);
            if (m != null) {
                after = m.seq();
                links.add(new String[] {t.id(), m.id()});
            }
        }
        String convId = conv.get().id();
        omni.db().write(c -> {
            for (Turn t : turns) {
                if (t.conversationId() == null) {
                    Turns.link(c, t.id(), convId, null);
                }
            }
            for (String[] l : links) {
                Turns.link(c, l[0], convId, l[1]);
            }
            return null;
        });
        return new Linked(convId, links.size());
    }

    private static Message match(Turn t, List<Message> users, long afterSeq) {
        String want = t.prompt() == null ? null : normalize(t.prompt());
        for (Message m : users) {
            if (m.seq() <= afterSeq) {
                continue;
            }
            if (want != null ? normalize(m.content()).startsWith(want)
                    : m.createdAt() != null && !m.createdAt().isBefore(t.startedAt().minusSeconds(2))) {
                return m;
            }
        }
        return null;
    }

    private static String normalize(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** One file a turn changed: A/M/D, and lines added and removed (0 and 0 for binary files). */
    public record FileChange(String path, String kind, int added, int removed, boolean binary) {
    }

    /** A turn with what it changed ({@code files} empty while it runs). */
    public record TurnChanges(Turn turn, List<FileChange> files) {
        public int added() {
            return files.stream().mapToInt(FileChange::added).sum();
        }

        public int removed() {
            return files.stream().mapToInt(FileChange::removed).sum();
        }
    }

    /** The session's turns, with what each changed. */
    public List<TurnChanges> turns(String sessionId) {
        List<Turn> turns = omni.db().read(c -> Turns.ofSession(c, sessionId));
        List<TurnChanges> out = new ArrayList<>();
        for (Turn t : turns) {
            out.add(new TurnChanges(t, changes(t)));
        }
        return out;
    }

    /** The turns tied to a conversation, with what each changed. */
    public List<TurnChanges> ofConversation(String conversationId) {
        List<TurnChanges> out = new ArrayList<>();
        for (Turn t : omni.db().read(c -> Turns.ofConversation(c, conversationId))) {
            out.add(new TurnChanges(t, changes(t)));
        }
        return out;
    }

    /** For each of these snapshots that is a checkpoint, the turns it is the before or after state of. */
    public Map<SnapshotId, List<Turn>> ofSnapshots(List<SnapshotId> ids) {
        Map<SnapshotId, List<Turn>> out = new HashMap<>();
        for (Turn t : omni.db().read(c -> Turns.ofSnapshots(c, ids.stream().map(SnapshotId::value).toList()))) {
            for (SnapshotId s : new SnapshotId[] {t.before(), t.after()}) {
                if (s != null && ids.contains(s)) {
                    List<Turn> l = out.computeIfAbsent(s, k -> new ArrayList<>());
                    if (!l.contains(t)) {
                        l.add(t);
                    }
                }
            }
        }
        return out;
    }

    /** The files a finished turn changed, with line counts. */
    public List<FileChange> changes(Turn t) {
        if (t.before() == null || t.after() == null || t.before().equals(t.after())) {
            return List.of();
        }
        SnapshotService snaps = new SnapshotService(omni);
        DiffService diff = new DiffService(omni);
        DiffService.Side a = diff.snapshotSide(snaps.manifest(t.before()));
        DiffService.Side b = diff.snapshotSide(snaps.manifest(t.after()));
        List<FileChange> out = new ArrayList<>();
        for (FileDiff d : diff.contents(diff.changes(a, b, null), a, b, 0)) {
            Change ch = d.change();
            out.add(new FileChange(ch.path(), ch.kind().letter(), d.added(), d.removed(), d.binary()));
        }
        return out;
    }

    /** The session of the turn that started last in {@code ws}. */
    public Optional<String> latestSession(Workspace ws) {
        return omni.db().read(c -> Turns.latestSession(c, ws.id()));
    }

    /** A session by its id or a unique prefix of it; the latest session of {@code ws} when {@code key} is null. */
    public String session(String key, Workspace ws) {
        if (key == null || key.isBlank()) {
            if (ws == null) {
                throw OmniException.invalid("name a session: there is no workspace here to take its latest session from");
            }
            return latestSession(ws).orElseThrow(() -> OmniException.notFound("no agent turns recorded in workspace '" + ws.name()
                    + "' (the agents' hooks record them)"));
        }
        String k = key.strip();
        List<String> found = omni.db().read(c -> Turns.sessionsWithPrefix(c, k, 5));
        if (found.contains(k)) {
            return k;
        }
        if (found.isEmpty()) {
            throw OmniException.notFound("no agent session '" + key + "'");
        }
        if (found.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several sessions: " + String.join(", ", found));
        }
        return found.get(0);
    }

    /** A turn: {@code N} (a turn of the latest session of {@code ws}) or {@code SESSION:N}. */
    public Turn resolve(String ref, Workspace ws) {
        String r = ref.strip();
        int colon = r.lastIndexOf(':');
        String sessionKey = colon < 0 ? null : r.substring(0, colon);
        String number = colon < 0 ? r : r.substring(colon + 1);
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw OmniException.invalid("not a turn: '" + ref + "' (a turn number, or SESSION:N)");
        }
        String session = session(sessionKey, ws);
        return omni.db().read(c -> Turns.ofSession(c, session)).stream().filter(t -> t.turn() == n).findFirst()
                .orElseThrow(() -> OmniException.notFound("session " + Turn.shortSession(session) + " has no turn " + n));
    }

    /**
     * Puts the working copy of the turn's workspace back to its state before the turn (a safety
     * snapshot first, as every restore): every file, whichever tool changed it.
     */
    public RestoreService.Result rewind(Turn t, Workspace ws, boolean dryRun, String source, Warnings warnings, Progress progress) {
        if (t.before() == null) {
            throw OmniException.notFound("turn " + t.label() + " has no checkpoint before it (the workspace had no snapshot)");
        }
        if (!t.workspaceId().equals(ws.id())) {
            throw OmniException.invalid("turn " + t.label() + " ran in another workspace (" + t.workspaceId() + ")");
        }
        Snapshot before = new SnapshotService(omni).get(t.before());
        return new RestoreService(omni).restoreToWorkspace(ws, before, List.of(), dryRun, source, warnings, progress);
    }

    private static void requireSession(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw OmniException.invalid("the hook input has no session_id");
        }
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
