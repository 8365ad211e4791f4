package dev.omni.core.conversation;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Warnings;
import dev.omni.core.outbox.Applied;
import dev.omni.core.outbox.Outbox;
import dev.omni.core.redact.Redactor;
import dev.omni.core.util.FtsQuery;
import dev.omni.core.util.InputProblem;
import dev.omni.core.workspace.Project;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Conversations with AI agents: import transcripts (re-imports add nothing, grown sessions add
 * their new messages), list, read, search, remove. A conversation belongs to the workspace whose
 * path holds the transcript's cwd, else to the workspace given, else to none.
 */
public final class ConversationService {
    private final Omni omni;

    public ConversationService(Omni omni) {
        this.omni = omni;
    }

    /** One conversation of an imported file: how many messages were new. {@code removed}: left removed. */
    public record Imported(Conversation conversation, int added, boolean created, boolean removed) {
    }

    /**
     * What importing one file did. {@code rejected} says why the whole file was refused (nothing of
     * it was stored), else null; {@code problems} are the lines that were skipped or kept with a
     * note; {@code skipped} counts the lines that are not messages, by kind.
     */
    public record FileReport(Path file, TranscriptFormat format, List<Imported> conversations, List<InputProblem> problems,
                             Map<String, Integer> skipped, String rejected, Map<String, Integer> redacted) {
        public int added() {
            return conversations.stream().mapToInt(Imported::added).sum();
        }

        static FileReport rejected(Path file, String why) {
            return new FileReport(file, null, List.of(), List.of(), Map.of(), why, Map.of());
        }
    }

    /**
     * Imports transcript files; a directory contributes the transcripts under it. {@code workspaceKey}
     * (may be null) places conversations whose cwd is in no workspace. Importing a removed
     * conversation explicitly brings it back.
     */
    public List<FileReport> importPaths(List<Path> paths, String workspaceKey, Warnings warnings) {
        return importPaths(paths, workspaceKey, warnings, false);
    }

    /** {@link #importPaths}; with {@code keepSecrets} the secrets in them are stored as they are, not redacted. */
    public List<FileReport> importPaths(List<Path> paths, String workspaceKey, Warnings warnings, boolean keepSecrets) {
        Workspace override = workspaceKey == null ? null : workspace(workspaceKey);
        List<FileReport> out = new ArrayList<>();
        for (Path p : paths) {
            for (Path f : expand(p)) {
                out.add(importFile(f, override, true, null, warnings, keepSecrets));
            }
        }
        return out;
    }

    /** Files under {@code p} that look like transcripts, in name order; {@code p} itself if it is a file. */
    static List<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p, 8)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".jsonl") || n.endsWith(".json") || n.equals(".aider.chat.history.md");
            }).sorted().toList();
        } catch (IOException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot list " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports one file, all of it in one transaction. {@code hint} places conversations whose cwd
     * matches no workspace. Not {@code explicit} (a scan): conversations that end up in no workspace
     * are not imported, and removed ones stay removed. {@code seen} (may be null) is recorded in the
     * same transaction, so a scan skips the file until it changes.
     */
    FileReport importFile(Path file, Workspace hint, boolean explicit, TranscriptScanner.Seen seen, Warnings warnings) {
        return importFile(file, hint, explicit, seen, warnings, false);
    }

    /**
     * {@link #importFile}: the secrets found in the transcript (keys, tokens, private keys, passwords)
     * are stored as {@code [REDACTED:kind]}, before anything is written or queued for sync, unless
     * {@code keepSecrets}.
     */
    FileReport importFile(Path file, Workspace hint, boolean explicit, TranscriptScanner.Seen seen, Warnings warnings,
                          boolean keepSecrets) {
        ParseResult parsed;
        TranscriptFormat format;
        try {
            format = TranscriptFormat.detect(file);
            parsed = format.parser(zone()).parse(file);
        } catch (OmniException e) {
            if (e.kind() == OmniException.Kind.INVALID_INPUT || e.kind() == OmniException.Kind.NOT_FOUND) {
                warnings.warn(null, e.getMessage() + "; nothing of it imported");
                return FileReport.rejected(file, e.getMessage());
            }
            throw e;
        }
        omni.trace("parsed " + file.getFileName() + ": " + parsed.conversations().stream().mapToInt(c -> c.messages().size()).sum()
                + " messages");
        parsed.problems().forEach(p -> warnings.warn(null, p.toString()));
        Redactor.Findings secrets = new Redactor.Findings();
        List<ParsedConversation> conversations = keepSecrets ? parsed.conversations() : redact(parsed.conversations(), secrets);
        String device = omni.machineId();
        Instant now = omni.now();
        String path = file.toAbsolutePath().normalize().toString();
        try {
            List<Imported> done = omni.db().write(c -> {
                List<Workspace> all = new WorkspaceService(omni).workspaces(null);
                ConversationWriter w = new ConversationWriter(c, omni.ulid(), device, now);
                List<Imported> list = new ArrayList<>();
                for (ParsedConversation pc : conversations) {
                    ConversationWriter.Placement place = place(pc.cwd(), hint, all);
                    if (!explicit && place.workspaceId() == null) {
                        continue;
                    }
                    ConversationWriter.Result r = w.store(pc, place, path, explicit);
                    list.add(new Imported(r.conversation(), r.added(), r.created(), r.removed()));
                }
                if (seen != null) {
                    seen.record(c, now);
                }
                return list;
            });
            omni.trace("stored " + file.getFileName());
            return new FileReport(file, format, done, parsed.problems(), parsed.skipped(), null, secrets.byKind());
        } catch (OmniException e) {
            if (e.kind() == OmniException.Kind.FAILURE) {
                warnings.warn(null, file + ": " + e.getMessage() + "; nothing of it imported");
                return FileReport.rejected(file, e.getMessage());
            }
            throw e;
        }
    }

    /** The conversations with their secrets replaced (titles, text and blocks). */
    private static List<ParsedConversation> redact(List<ParsedConversation> convs, Redactor.Findings found) {
        Redactor r = Redactor.standard();
        List<ParsedConversation> out = new ArrayList<>(convs.size());
        for (ParsedConversation pc : convs) {
            List<ParsedMessage> msgs = new ArrayList<>(pc.messages().size());
            for (ParsedMessage m : pc.messages()) {
                // The text is made of the blocks: a secret in both is one secret.
                Redactor.Findings inText = new Redactor.Findings();
                Redactor.Findings inBlocks = new Redactor.Findings();
                String content = r.redact(m.content(), inText);
                String blocks = r.redactJson(m.blocks(), inBlocks);
                found.addAll(m.blocks() != null ? inBlocks : inText);
                msgs.add(content == m.content() && blocks == m.blocks() ? m : m.withText(content, blocks));
            }
            out.add(new ParsedConversation(pc.source(), pc.externalId(), r.redact(pc.title(), new Redactor.Findings()), pc.cwd(),
                    pc.model(), pc.startedAt(), msgs));
        }
        return out;
    }

    private ZoneId zone() {
        return omni.env().zone();
    }

    /** The workspace whose directory holds {@code cwd} (the deepest), else {@code hint}, else none. */
    static ConversationWriter.Placement place(String cwd, Workspace hint, List<Workspace> all) {
        Workspace best = null;
        if (cwd != null) {
            try {
                Path p = Path.of(cwd).toAbsolutePath().normalize();
                for (Workspace w : all) {
                    if (w.localPath() != null && p.startsWith(w.localPath())
                            && (best == null || w.localPath().getNameCount() > best.localPath().getNameCount())) {
                        best = w;
                    }
                }
            } catch (InvalidPathException e) {
                // not a path of this system: no workspace matches it
            }
        }
        if (best == null) {
            best = hint;
        }
        return best == null ? ConversationWriter.Placement.NONE : new ConversationWriter.Placement(best.projectId(), best.id());
    }

    /** A workspace by id, unique id prefix, name (if unique) or {@code project/name}. */
    public Workspace workspace(String key) {
        String k = key.trim();
        String up = k.toUpperCase(Locale.ROOT);
        List<Workspace> found = matching(k, up);
        if (found.isEmpty()) {
            throw OmniException.notFound(OmniException.Reason.UNKNOWN_WORKSPACE, "no workspace '" + key + "'");
        }
        if (found.size() > 1) {
            throw OmniException.invalid("'" + key + "' matches several workspaces: "
                    + String.join(", ", found.stream().map(w -> w.id() + " (" + w.name() + ")").toList()) + "; use the id");
        }
        return found.get(0);
    }

    private List<Workspace> matching(String k, String up) {
        WorkspaceService workspaces = new WorkspaceService(omni);
        List<Workspace> all = workspaces.workspaces(null);
        List<Workspace> exact = all.stream().filter(w -> w.id().equals(up)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        int slash = k.indexOf('/');
        if (slash > 0) {
            List<String> projects = workspaces.projectsMatching(k.substring(0, slash)).stream().map(Project::id).toList();
            String name = k.substring(slash + 1);
            return all.stream().filter(w -> projects.contains(w.projectId()) && w.name().equals(name)).toList();
        }
        return all.stream().filter(w -> w.name().equals(k) || w.id().startsWith(up)).toList();
    }

    /**
     * Imports one transcript named by an agent's hook, with its subagents' files beside it: like a
     * scan, conversations outside every workspace are left out and removed ones stay removed.
     */
    public List<FileReport> importTranscript(Path file, Warnings warnings) {
        List<FileReport> out = new ArrayList<>();
        out.add(importFile(file, null, false, null, warnings));
        for (Path sub : TranscriptScanner.subagentFiles(file)) {
            out.add(importFile(sub, null, false, null, warnings));
        }
        return out;
    }

    /**
     * What a sweep for secrets over the stored conversations found: messages read, messages, titles
     * and pending outbox changes holding a secret (changed, when {@code applied}), and the secrets by kind.
     */
    public record SweepReport(long scanned, long messages, long titles, long outbox, Map<String, Integer> secrets, boolean applied) {
    }

    /** Looks for secrets in the stored messages, titles and pending changes; with {@code apply}, redacts them. */
    public SweepReport sweepSecrets(boolean apply) {
        return new SecretSweep(omni).run(apply);
    }

    /** The usage of every API response (each once), since {@code since} (may be null), in one project (null: all). */
    public List<UsageRecord> usage(Instant since, String projectId) {
        return omni.db().read(c -> Conversations.usage(c, since, projectId));
    }

    /** The conversation an agent knows by this session id, if it was imported. */
    public java.util.Optional<Conversation> bySource(String source, String externalId) {
        return omni.db().read(c -> Conversations.findByExternal(c, source, externalId).map(Conversations.Row::conversation));
    }

    /** The user's messages of a conversation (what started each turn), in order, without tool output. */
    public List<Message> userMessages(String conversationId) {
        return omni.db().read(c -> Conversations.messageQuery(c, "SELECT " + Conversations.MSG_COLS
                + " FROM messages m JOIN conversations c ON c.pk = m.conversation_pk WHERE c.id = ? AND m.role = 'user'"
                + " ORDER BY m.seq", conversationId));
    }

    /** A page of a conversation's messages: {@code limit} from {@code fromSeq} on. */
    public List<Message> messages(String conversationId, long fromSeq, int limit) {
        return omni.db().read(c -> Conversations.messages(c, conversationId, fromSeq, limit));
    }

    /** The subagents' conversations of a session's conversation (Claude Code sidechains), oldest first. */
    public List<Conversation> subagents(Conversation parent) {
        return omni.db().read(c -> Conversations.children(c, parent));
    }

    /** Imports what is new in the default transcript locations of the registered workspaces. */
    public TranscriptScanner.Report scan(Warnings warnings) {
        return new TranscriptScanner(omni, this).scan(warnings);
    }

    public List<Conversation> list(ConversationFilter f) {
        return omni.db().read(c -> Conversations.list(c, f));
    }

    /** The conversation with this id, unique id prefix, or source id. */
    public Conversation get(String key) {
        return omni.db().read(c -> Conversations.resolve(c, key));
    }

    public List<Message> messages(String conversationId) {
        return omni.db().read(c -> Conversations.messages(c, conversationId, 0, Integer.MAX_VALUE));
    }

    /** Messages matching {@code query} (words, "phrases", prefix*, OR, -excluded), best first. */
    public List<MessageHit> search(String query, ConversationFilter f) {
        String match = FtsQuery.parse(query);
        if (match == null) {
            throw OmniException.invalid("nothing to search for in '" + query + "'");
        }
        return omni.db().read(c -> Conversations.search(c, match, f));
    }

    /**
     * Removes a conversation: its messages are deleted; the conversation stays as a removed row, so
     * that {@code conv scan} does not bring it back (an explicit {@code conv import} does).
     */
    public Conversation remove(String key) {
        String device = omni.machineId();
        Instant now = omni.now();
        return omni.db().write(c -> {
            Conversations.Row row = Conversations.resolveRow(c, key);
            Conversation b = row.conversation();
            if (b.deleted()) {
                return b;
            }
            Conversations.deleteMessages(c, row.pk());
            Conversation after = new Conversation(b.id(), b.source(), b.externalId(), b.projectId(), b.workspaceId(), b.title(),
                    b.cwd(), b.model(), b.sourcePath(), 0, 0, 0, b.startedAt(), b.lastMessageAt(), b.createdAt(), now, now, device);
            Conversations.update(c, after);
            Outbox.append(Outbox.CONVERSATION, after.id(), "delete", ConversationCodec.toJson(after), now);
            return after;
        });
    }

    /** Applies another device's version of a conversation (sync), without an outbox entry; joins the caller's transaction. */
    public Applied applyRemote(Conversation remote) {
        return omni.db().write(c -> Conversations.applyRemote(c, remote));
    }

    /** Applies another device's message (sync), once; joins the caller's transaction. */
    public Applied applyRemote(Message m) {
        return omni.db().write(c -> Conversations.applyRemote(c, m));
    }

    /** Every conversation, removed ones too (for sync). */
    public List<Conversation> all() {
        return omni.db().read(Conversations::all);
    }

    /** The messages with these ids that are here, by id. */
    public Map<String, Message> messagesById(Collection<String> ids) {
        return omni.db().read(c -> Conversations.messagesById(c, ids));
    }

    /** Queues every message in the outbox again (for a server that never got them); returns how many. */
    public int requeueMessages(Instant at) {
        return omni.db().write(c -> Conversations.requeueMessages(c, at));
    }
}
