package dev.omni.mcp;

import dev.omni.core.Omni;
import dev.omni.core.OmniException;
import dev.omni.core.Progress;
import dev.omni.core.Warnings;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.conversation.Role;
import dev.omni.core.diff.Change;
import dev.omni.core.diff.DiffService;
import dev.omni.core.diff.FileDiff;
import dev.omni.core.diff.LineDiff;
import dev.omni.core.memory.ContextDigest;
import dev.omni.core.memory.DecisionCategory;
import dev.omni.core.memory.Effort;
import dev.omni.core.memory.MemoryCodec;
import dev.omni.core.memory.MemoryFilter;
import dev.omni.core.memory.MemoryHit;
import dev.omni.core.memory.MemoryItem;
import dev.omni.core.memory.MemoryService;
import dev.omni.core.memory.MemoryType;
import dev.omni.core.memory.NextStatus;
import dev.omni.core.model.SnapshotId;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.search.SearchHit;
import dev.omni.core.search.SearchKind;
import dev.omni.core.search.SearchService;
import dev.omni.core.snapshot.Snapshot;
import dev.omni.core.snapshot.SnapshotFiles;
import dev.omni.core.snapshot.SnapshotService;
import dev.omni.core.util.Times;
import dev.omni.core.workspace.Workspace;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The MCP tools: each reads its arguments, calls one of core's use cases, and answers with a
 * structured result and a text rendering of it. Every list is bounded by a limit and every long
 * text is cut with a note saying so.
 */
final class Tools {
    /** A tool: its name, description, JSON input schema, hints, and what it does. */
    record Def(String name, String description, String schema, boolean readOnly, boolean idempotent, boolean destructive,
               Function<Args, Result> handler) {
    }

    /** What a tool answers: the structured result and its text rendering. */
    record Result(Map<String, Object> structured, String text) {
    }

    static final int MAX_TEXT = 20_000;
    static final int MAX_BYTES = 1 << 20;

    private final Omni omni;
    private final Scope scope;
    private final boolean allowRestore;

    Tools(Omni omni, Scope scope, boolean allowRestore) {
        this.omni = omni;
        this.scope = scope;
        this.allowRestore = allowRestore;
    }

    List<Def> all() {
        List<Def> l = new ArrayList<>(List.of(
                new Def("search", "Search this project's memory, its agent conversations and the file paths of its workspaces in one"
                        + " ranked list (SQLite FTS5, BM25). Query: words (all must match), \"a phrase\", prefix*, OR, -excluded.",
                        schema("\"query\": {\"type\": \"string\", \"description\": \"What to look for\"},"
                                + "\"in\": {\"type\": \"array\", \"items\": {\"type\": \"string\", \"enum\": [\"memory\", \"conversations\", \"files\"]},"
                                + " \"description\": \"Where to look (default: all three)\"}," + LIMIT, "query"),
                        true, true, false, this::search),
                new Def("memory_search", "Search the project's memory (facts, decisions, preferences, next steps, notes, skills) by text.",
                        schema("\"query\": {\"type\": \"string\"}, \"type\": " + TYPE + ", \"tag\": {\"type\": \"string\"}," + LIMIT, "query"),
                        true, true, false, this::memorySearch),
                new Def("memory_add", "Remember something for this project (or for every project with global=true).",
                        schema("\"content\": {\"type\": \"string\"}, \"type\": " + TYPE + ", \"tags\": " + STRINGS + ","
                                + "\"importance\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1},"
                                + "\"global\": {\"type\": \"boolean\", \"description\": \"Applies to every project\"}", "content"),
                        false, false, false, this::memoryAdd),
                new Def("memory_update", "Change a memory item: its text, type, tags, importance or rationale.",
                        schema("\"id\": {\"type\": \"string\", \"description\": \"The item's id or a unique prefix\"},"
                                + "\"content\": {\"type\": \"string\"}, \"type\": " + TYPE + ", \"tags\": " + STRINGS + ","
                                + "\"importance\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1}, \"rationale\": {\"type\": \"string\"}", "id"),
                        false, true, false, this::memoryUpdate),
                new Def("memory_forget", "Forget a memory item (a soft delete: 'omni memory restore' brings it back).",
                        schema("\"id\": {\"type\": \"string\"}", "id"), false, true, false, this::memoryForget),
                new Def("decide", "Record a decision of this project and why it was made. The same decision again updates its rationale.",
                        schema("\"decision\": {\"type\": \"string\"}, \"why\": {\"type\": \"string\"},"
                                + "\"category\": {\"type\": \"string\", \"enum\": [\"architecture\", \"scope\", \"tech_choice\", \"approach\", \"process\", \"product\"]},"
                                + "\"tags\": " + STRINGS, "decision"),
                        false, true, false, this::decide),
                new Def("next_steps", "The project's open next steps (started first, then by priority), or those with the given statuses.",
                        schema("\"status\": {\"type\": \"array\", \"items\": " + STATUS + "}," + LIMIT), true, true, false, this::nextSteps),
                new Def("next_step_add", "Add a next step to the project's plan.",
                        schema("\"content\": {\"type\": \"string\"}, \"priority\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 3},"
                                + "\"effort\": {\"type\": \"string\", \"enum\": [\"small\", \"medium\", \"large\"]}", "content"),
                        false, false, false, this::nextStepAdd),
                new Def("next_step_update", "Move a next step (pending, started, completed, dismissed) or change its text, priority or effort.",
                        schema("\"id\": {\"type\": \"string\"}, \"status\": " + STATUS + ", \"content\": {\"type\": \"string\"},"
                                + "\"priority\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 3},"
                                + "\"effort\": {\"type\": \"string\", \"enum\": [\"small\", \"medium\", \"large\"]}", "id"),
                        false, true, false, this::nextStepUpdate),
                new Def("context", "The project's memory as a Markdown digest (decisions with rationale, preferences, facts, open next steps).",
                        schema("\"max_chars\": {\"type\": \"integer\", \"minimum\": 200, \"maximum\": 50000}"), true, true, false, this::context),
                new Def("conversation_search", "Search the messages of this project's agent conversations.",
                        schema("\"query\": {\"type\": \"string\"}, \"role\": {\"type\": \"string\", \"enum\": [\"user\", \"assistant\", \"tool\", \"system\"]},"
                                + LIMIT, "query"), true, true, false, this::conversationSearch),
                new Def("conversation_get", "A page of a conversation's messages, from from_seq on; next_from_seq reads on.",
                        schema("\"id\": {\"type\": \"string\", \"description\": \"Conversation id, prefix, or the agent's session id\"},"
                                + "\"from_seq\": {\"type\": \"integer\", \"minimum\": 1}, \"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 100},"
                                + "\"max_chars\": {\"type\": \"integer\", \"minimum\": 100, \"maximum\": 20000, \"description\": \"Per message (default 4000)\"}", "id"),
                        true, true, false, this::conversationGet),
                new Def("status", "The working copy against its last snapshot: the files added, modified and deleted.",
                        schema(LIMIT), true, true, false, this::status),
                new Def("log", "The workspace's snapshots, newest first (all: every workspace of the project).",
                        schema("\"all\": {\"type\": \"boolean\"}," + LIMIT), true, true, false, this::log),
                new Def("diff", "A unified diff between two snapshots, or a snapshot and the working copy (default: the last snapshot"
                        + " and the working copy). Snapshots: an id, a unique prefix, @ (the current one), @~N.",
                        schema("\"from\": {\"type\": \"string\"}, \"to\": {\"type\": \"string\", \"description\": \"Default: the working copy\"},"
                                + "\"paths\": " + STRINGS + ", \"max_bytes\": {\"type\": \"integer\", \"minimum\": 100, \"maximum\": " + MAX_BYTES + "},"
                                + "\"stat\": {\"type\": \"boolean\", \"description\": \"Only the changed files with line counts\"}"),
                        true, true, false, this::diff),
                new Def("file_at", "A file's content as it was in a snapshot.",
                        schema("\"snapshot\": {\"type\": \"string\"}, \"path\": {\"type\": \"string\"},"
                                + "\"max_bytes\": {\"type\": \"integer\", \"minimum\": 100, \"maximum\": " + MAX_BYTES + "}", "snapshot", "path"),
                        true, true, false, this::fileAt),
                new Def("snapshot", "Record the working copy as a snapshot (nothing is recorded when nothing changed).",
                        schema("\"message\": {\"type\": \"string\"}"), false, false, false, this::snapshot)));
        if (allowRestore) {
            l.add(new Def("restore", "Put files (or the whole working copy) back as they were in a snapshot. A safety snapshot of the"
                    + " working copy is taken first, so nothing is lost.",
                    schema("\"snapshot\": {\"type\": \"string\"}, \"paths\": " + STRINGS + ", \"dry_run\": {\"type\": \"boolean\"}", "snapshot"),
                    false, true, true, this::restore));
        }
        return l;
    }

    private static final String LIMIT = "\"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 200}";
    private static final String STRINGS = "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}";
    private static final String TYPE = "{\"type\": \"string\", \"enum\": [\"fact\", \"decision\", \"preference\", \"next_step\", \"note\","
            + " \"skill\", \"event\"]}";
    private static final String STATUS = "{\"type\": \"string\", \"enum\": [\"pending\", \"started\", \"completed\", \"dismissed\"]}";

    private static String schema(String properties, String... required) {
        StringBuilder b = new StringBuilder("{\"type\": \"object\", \"properties\": {").append(properties).append("}");
        if (required.length > 0) {
            b.append(", \"required\": [");
            for (int i = 0; i < required.length; i++) {
                b.append(i == 0 ? "" : ", ").append('"').append(required[i]).append('"');
            }
            b.append(']');
        }
        return b.append(", \"additionalProperties\": false}").toString();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- search ----

    private Result search(Args a) {
        String query = a.required("query");
        int limit = a.integer("limit", 10, 1, 200);
        List<String> in = a.strings("in");
        Set<SearchKind> kinds = in == null || in.isEmpty() ? EnumSet.allOf(SearchKind.class) : SearchKind.parseList(String.join(",", in));
        List<SearchHit> hits = new SearchService(omni).search(query, kinds, scope.projectId(), limit);
        List<Object> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (SearchHit h : hits) {
            Map<String, Object> m = map("kind", h.kind().wire(), "score", Math.round(h.score() * 1000) / 1000.0,
                    "snippet", Texts.snippet(h.snippet()), "project", h.projectName(), "workspace", h.workspaceName());
            String where = switch (h.kind()) {
                case MEMORY -> {
                    m.put("memory_id", h.memoryId());
                    m.put("memory_type", h.memoryType());
                    yield "memory " + h.memoryId() + " (" + h.memoryType() + ")";
                }
                case MESSAGE -> {
                    m.put("conversation_id", h.conversationId());
                    m.put("conversation_title", h.conversationTitle());
                    m.put("seq", h.seq());
                    m.put("role", h.role());
                    yield "conversation " + h.conversationId() + " #" + h.seq() + " (" + h.role() + ")";
                }
                case FILE -> {
                    m.put("snapshot_id", h.snapshotId());
                    m.put("path", h.path());
                    yield "file " + h.path();
                }
            };
            out.add(m);
            t.append("- ").append(where).append(": ").append(Texts.snippet(h.snippet())).append('\n');
        }
        return new Result(map("query", query, "hits", out), hits.isEmpty() ? "No matches." : t.toString());
    }

    // ---- memory ----

    private MemoryFilter memoryScope() {
        return MemoryFilter.applyingTo(scope.projectId());
    }

    private Result memorySearch(Args a) {
        String query = a.required("query");
        int limit = a.integer("limit", 10, 1, 200);
        MemoryFilter f = memoryScope().withLimit(limit);
        String type = a.string("type");
        if (type != null) {
            f = f.withType(MemoryType.parse(type));
        }
        if (a.string("tag") != null) {
            f = f.withTag(a.string("tag"));
        }
        List<MemoryHit> hits = new MemoryService(omni).search(query, f, true);
        List<Object> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (MemoryHit h : hits) {
            Map<String, Object> m = item(h.item());
            m.put("snippet", Texts.snippet(h.snippet()));
            out.add(m);
            t.append(line(h.item(), Texts.snippet(h.snippet()))).append('\n');
        }
        return new Result(map("query", query, "items", out), hits.isEmpty() ? "No memory matches." : t.toString());
    }

    private static Map<String, Object> item(MemoryItem m) {
        Map<String, Object> full = MemoryCodec.toMap(m, false);
        full.put("content", Texts.cut(m.content(), MAX_TEXT));
        return full;
    }

    private static String line(MemoryItem m) {
        return line(m, Texts.cut(m.content(), 2000));
    }

    /** {@code ID [type, status, P1] text (why: …) #tags}. */
    private static String line(MemoryItem m, String text) {
        String s = m.id() + " [" + m.type().wire() + (m.status() == null ? "" : ", " + m.status().wire())
                + (m.priority() == null ? "" : ", P" + m.priority()) + "] " + text;
        if (m.rationale() != null) {
            s += " (why: " + m.rationale() + ")";
        }
        if (!m.tags().isEmpty()) {
            s += " #" + String.join(" #", m.tags());
        }
        return s;
    }

    private Result one(String what, MemoryItem m) {
        return new Result(map("item", item(m)), what + ": " + line(m));
    }

    private Result memoryAdd(Args a) {
        String type = a.string("type");
        MemoryType t = type == null ? MemoryType.FACT : MemoryType.parse(type);
        String project = a.bool("global") ? null : scope.projectId();
        MemoryItem m = new MemoryService(omni).add(new MemoryService.NewItem(project, t, a.required("content"), null, null, null, null,
                a.strings("tags") == null ? List.of() : a.strings("tags"), a.number("importance", 0, 1), "mcp", null));
        return one("Remembered", m);
    }

    private Result memoryUpdate(Args a) {
        String type = a.string("type");
        MemoryService.Edit e = new MemoryService.Edit(a.string("content"), type == null ? null : MemoryType.parse(type),
                a.string("rationale"), null, a.strings("tags"), a.number("importance", 0, 1), null, null);
        return one("Updated", new MemoryService(omni).edit(a.required("id"), e));
    }

    private Result memoryForget(Args a) {
        return one("Forgotten (restore with 'omni memory restore')", new MemoryService(omni).remove(a.required("id")));
    }

    private Result decide(Args a) {
        String c = a.string("category");
        MemoryService.Decided d = new MemoryService(omni).decide(scope.projectId(), a.required("decision"), a.string("why"),
                c == null ? null : DecisionCategory.parse(c), a.strings("tags"), null);
        Result r = one(d.created() ? "Decided" : d.changed() ? "Updated the decision" : "Already decided", d.item());
        r.structured().put("created", d.created());
        return r;
    }

    private Result nextSteps(Args a) {
        int limit = a.integer("limit", 50, 1, 200);
        List<String> statuses = a.strings("status");
        MemoryService svc = new MemoryService(omni);
        List<MemoryItem> items;
        if (statuses == null || statuses.isEmpty()) {
            items = svc.openNextSteps(scope.projectId());
        } else {
            Set<NextStatus> st = EnumSet.noneOf(NextStatus.class);
            statuses.forEach(s -> st.add(NextStatus.parse(s)));
            items = new ArrayList<>(svc.list(memoryScope().withType(MemoryType.NEXT_STEP).withStatuses(st)));
            items.sort(MemoryService.NEXT_ORDER);
        }
        boolean more = items.size() > limit;
        items = more ? items.subList(0, limit) : items;
        StringBuilder t = new StringBuilder();
        items.forEach(m -> t.append(line(m)).append('\n'));
        if (more) {
            t.append("[… more next steps; raise limit]\n");
        }
        return new Result(map("items", items.stream().map(Tools::item).toList(), "more", more),
                items.isEmpty() ? "No next steps." : t.toString());
    }

    private Result nextStepAdd(Args a) {
        String effort = a.string("effort");
        MemoryItem m = new MemoryService(omni).add(new MemoryService.NewItem(scope.projectId(), MemoryType.NEXT_STEP, a.required("content"),
                null, null, a.optionalInteger("priority", 1, 3), effort == null ? null : Effort.parse(effort), List.of(), null, "mcp", null));
        return one("Added", m);
    }

    private Result nextStepUpdate(Args a) {
        MemoryService svc = new MemoryService(omni);
        String id = a.required("id");
        MemoryItem m = svc.get(id);
        if (m.type() != MemoryType.NEXT_STEP) {
            throw OmniException.invalid(m.id() + " is a " + m.type().wire() + ", not a next step");
        }
        String effort = a.string("effort");
        if (a.string("content") != null || a.optionalInteger("priority", 1, 3) != null || effort != null) {
            m = svc.edit(m.id(), new MemoryService.Edit(a.string("content"), null, null, null, null, null, a.optionalInteger("priority", 1, 3),
                    effort == null ? null : Effort.parse(effort)));
        }
        if (a.string("status") != null) {
            m = svc.setStatus(m.id(), NextStatus.parse(a.string("status")));
        }
        return one("Updated", m);
    }

    private Result context(Args a) {
        int max = a.integer("max_chars", 8000, ContextDigest.MIN_CHARS, 50_000);
        String digest = new ContextDigest(omni).build(scope.projectId(), scope.project() == null ? "omni" : scope.project().name(), max);
        return new Result(map("markdown", digest), digest);
    }

    // ---- conversations ----

    private Result conversationSearch(Args a) {
        String query = a.required("query");
        int limit = a.integer("limit", 10, 1, 200);
        ConversationFilter f = ConversationFilter.all(limit).withProject(scope.projectId());
        if (a.string("role") != null) {
            f = f.withRole(Role.parse(a.string("role")));
        }
        List<MessageHit> hits = new ConversationService(omni).search(query, f);
        List<Object> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (MessageHit h : hits) {
            out.add(map("conversation_id", h.conversationId(), "conversation_title", h.conversationTitle(), "seq", h.seq(),
                    "role", h.role().wire(), "created_at", h.createdAt() == null ? null : Times.format(h.createdAt()),
                    "snippet", Texts.snippet(h.snippet())));
            t.append("- ").append(h.conversationId()).append(" #").append(h.seq()).append(" (").append(h.role().wire()).append(", ")
                    .append(h.conversationTitle()).append("): ").append(Texts.snippet(h.snippet())).append('\n');
        }
        return new Result(map("query", query, "hits", out), hits.isEmpty() ? "No messages match." : t.toString());
    }

    private Result conversationGet(Args a) {
        ConversationService svc = new ConversationService(omni);
        Conversation c = svc.get(a.required("id"));
        int from = a.integer("from_seq", 1, 1, Integer.MAX_VALUE);
        int limit = a.integer("limit", 20, 1, 100);
        int max = a.integer("max_chars", 4000, 100, 20_000);
        List<Message> page = svc.messages(c.id(), from, limit + 1);
        boolean more = page.size() > limit;
        page = more ? page.subList(0, limit) : page;
        List<Object> out = new ArrayList<>();
        StringBuilder t = new StringBuilder("# " + (c.title() == null ? "(untitled)" : c.title()) + "\n");
        for (Message m : page) {
            String text = Texts.cut(m.content(), max);
            out.add(map("seq", m.seq(), "role", m.role().wire(), "created_at", m.createdAt() == null ? null : Times.format(m.createdAt()),
                    "model", m.model(), "text", text));
            t.append("\n## ").append(m.seq()).append(' ').append(m.role().wire()).append('\n').append(text).append('\n');
        }
        Long next = more ? page.get(page.size() - 1).seq() + 1 : null;
        if (next != null) {
            t.append("\n[… more messages: call again with from_seq=").append(next).append("]\n");
        }
        return new Result(map("conversation", map("id", c.id(), "title", c.title(), "source", c.source(), "session_id", c.externalId(),
                "message_count", c.messageCount()), "messages", out, "next_from_seq", next), t.toString());
    }

    // ---- snapshots ----

    private Workspace workspace() {
        return new SnapshotService(omni).workspace(scope.requireWorkspace());
    }

    private static final Warnings QUIET = (path, message) -> {
    };

    private Result status(Args a) {
        int limit = a.integer("limit", 200, 1, 200);
        SnapshotService.Status s = new SnapshotService(omni).status(scope.requireWorkspace(), QUIET, Progress.NONE);
        List<Object> changes = new ArrayList<>();
        StringBuilder t = new StringBuilder(s.current() == null ? "No snapshot yet.\n" : "Since " + s.current().id() + ":\n");
        for (Change c : s.changes().subList(0, Math.min(limit, s.changes().size()))) {
            changes.add(map("path", c.path(), "status", c.kind().letter()));
            t.append(c.kind().letter()).append(' ').append(c.path()).append('\n');
        }
        if (s.changes().size() > limit) {
            t.append("[… ").append(s.changes().size() - limit).append(" more changes]\n");
        }
        if (s.clean()) {
            t.append("Nothing changed.\n");
        }
        return new Result(map("project", scope.project().name(), "current_snapshot", s.current() == null ? null : s.current().id().value(),
                "changed", s.changes().size(), "changes", changes), t.toString());
    }

    private Result log(Args a) {
        int limit = a.integer("limit", 20, 1, 200);
        Workspace ws = workspace();
        SnapshotService svc = new SnapshotService(omni);
        List<Snapshot> snaps = a.bool("all") ? svc.projectLog(ws.projectId(), limit) : svc.log(ws, limit);
        List<Object> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (Snapshot s : snaps) {
            out.add(map("id", s.id().value(), "created_at", Times.format(s.createdAt()), "source", s.source(), "message", s.message(),
                    "files", s.files(), "bytes", s.bytes(), "workspace_id", s.workspaceId()));
            t.append(s.id()).append("  ").append(Times.format(s.createdAt())).append("  ").append(s.source())
                    .append(s.message() == null ? "" : "  " + s.message()).append('\n');
        }
        return new Result(map("snapshots", out), snaps.isEmpty() ? "No snapshots yet." : t.toString());
    }

    private Result diff(Args a) {
        Workspace ws = workspace();
        SnapshotService snaps = new SnapshotService(omni);
        DiffService diff = new DiffService(omni);
        String from = a.string("from") == null ? "@" : a.string("from");
        DiffService.Side x = diff.snapshotSide(snaps.manifest(snaps.resolve(from, ws)));
        DiffService.Side y = a.string("to") == null ? diff.workingSide(ws, QUIET, Progress.NONE)
                : diff.snapshotSide(snaps.manifest(snaps.resolve(a.string("to"), ws)));
        List<String> paths = a.strings("paths");
        Predicate<String> pf = paths == null || paths.isEmpty() ? null
                : p -> paths.stream().map(s -> s.replaceAll("/+$", "")).anyMatch(f -> p.equals(f) || p.startsWith(f + "/"));
        int maxBytes = a.integer("max_bytes", 64 * 1024, 100, MAX_BYTES);
        List<FileDiff> diffs = diff.contents(diff.changes(x, y, pf), x, y, 3);
        List<Object> files = new ArrayList<>();
        StringBuilder patch = new StringBuilder();
        for (FileDiff d : diffs) {
            files.add(map("path", d.change().path(), "status", d.change().kind().letter(), "added_lines", d.added(),
                    "removed_lines", d.removed(), "binary", d.binary()));
            if (!a.bool("stat")) {
                patch.append("diff --omni a/").append(d.change().path()).append(" b/").append(d.change().path()).append('\n');
                if (d.binary()) {
                    patch.append("Binary files differ\n");
                } else if (!d.hunks().isEmpty()) {
                    patch.append("--- ").append(d.change().before() == null ? "/dev/null" : "a/" + d.change().path()).append('\n')
                            .append("+++ ").append(d.change().after() == null ? "/dev/null" : "b/" + d.change().path()).append('\n')
                            .append(d.hunks());
                }
            }
        }
        String text = a.bool("stat") ? String.join("\n", diffs.stream().map(d -> d.change().kind().letter() + " " + d.change().path()
                + " +" + d.added() + " -" + d.removed()).toList()) : patch.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        boolean cut = bytes.length > maxBytes;
        if (cut) {
            text = new String(bytes, 0, maxBytes, StandardCharsets.UTF_8) + "\n[… cut at " + maxBytes + " of " + bytes.length
                    + " bytes; narrow it with paths or raise max_bytes]\n";
        }
        return new Result(map("files", files, "patch", a.bool("stat") ? null : text, "truncated", cut),
                diffs.isEmpty() ? "No differences." : text);
    }

    private Result fileAt(Args a) {
        Workspace ws = scope.workspace() == null ? null : workspace();
        SnapshotService snaps = new SnapshotService(omni);
        Snapshot s = snaps.get(snaps.resolve(a.required("snapshot"), ws));
        SnapshotFiles.File f = new SnapshotFiles(omni).read(s, a.required("path").replaceAll("^/+|/+$", ""));
        int max = a.integer("max_bytes", 64 * 1024, 100, MAX_BYTES);
        Map<String, Object> m = map("snapshot", s.id().value(), "path", f.path(), "size", f.content().length,
                "type", f.entry().type().wire());
        if (LineDiff.isBinary(f.content())) {
            m.put("binary", true);
            return new Result(m, f.path() + " is a binary file of " + f.content().length + " bytes in " + s.id());
        }
        boolean cut = f.content().length > max;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(f.content(), 0, cut ? max : f.content().length))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(f.content(), 0, cut ? max : f.content().length, StandardCharsets.UTF_8);
        }
        if (cut) {
            text += "\n[… cut at " + max + " of " + f.content().length + " bytes; raise max_bytes]";
        }
        m.put("binary", false);
        m.put("truncated", cut);
        m.put("content", text);
        return new Result(m, text);
    }

    private Result snapshot(Args a) {
        SnapshotService.Taken t = new SnapshotService(omni).take(scope.requireWorkspace(),
                SnapshotService.Options.of(a.string("message"), "mcp"), QUIET, Progress.NONE);
        if (!t.recorded()) {
            return new Result(map("recorded", false, "snapshot", null), "Nothing changed; no snapshot recorded.");
        }
        Snapshot s = t.snapshot();
        return new Result(map("recorded", true, "snapshot", s.id().value(), "files", s.files(), "bytes", s.bytes()),
                "Recorded " + s.id() + " (" + s.files() + " files).");
    }

    private Result restore(Args a) {
        Workspace ws = workspace();
        SnapshotService snaps = new SnapshotService(omni);
        Snapshot s = snaps.get(snaps.resolve(a.required("snapshot"), ws));
        List<String> paths = a.strings("paths") == null ? List.of() : a.strings("paths");
        RestoreService.Result r = new RestoreService(omni).restoreToWorkspace(ws, s, paths, a.bool("dry_run"), "mcp", QUIET,
                Progress.NONE);
        SnapshotId safety = r.safetySnapshot();
        List<Object> steps = r.steps().stream().limit(500).map(x -> (Object) map("action", x.kind().name().toLowerCase(), "path", x.path()))
                .toList();
        return new Result(map("snapshot", s.id().value(), "safety_snapshot", safety == null ? null : safety.value(), "dry_run", r.dryRun(),
                "steps", steps), (r.dryRun() ? "Would restore " : "Restored ") + s.id() + ": " + r.steps().size() + " files"
                + (safety == null ? "" : " (safety snapshot " + safety + ")"));
    }
}
