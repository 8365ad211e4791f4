package dev.omni.desktop.viewmodel;

import dev.omni.core.OmniException;
import dev.omni.core.agent.AgentTurns;
import dev.omni.core.agent.Turn;
import dev.omni.core.restore.RestoreService;
import dev.omni.core.workspace.Workspace;
import dev.omni.core.workspace.WorkspaceService;
import dev.omni.core.conversation.Conversation;
import dev.omni.core.conversation.ConversationFilter;
import dev.omni.core.conversation.ConversationService;
import dev.omni.core.conversation.Message;
import dev.omni.core.conversation.MessageHit;
import dev.omni.core.util.Plural;
import dev.omni.core.util.Times;
import dev.omni.desktop.task.Task;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The project's AI conversations: listed, or searched as you type (FTS over messages, highlighted
 * snippets); the chosen one as a readable transcript.
 */
public final class ConversationsViewModel {
    /** A conversation in the list; with a search, its best snippet and which message it is in. */
    public record Entry(String conversationId, String title, String meta, List<Highlight> snippet, long seq) {
    }

    static final int LIMIT = 200;

    private final AppContext app;
    private final ZoneId zone;
    private String projectId;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Entry> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<TranscriptMessage> transcript = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObjectProperty<Long> focus = new SimpleObjectProperty<>(this, "focus");

    public ConversationsViewModel(AppContext app) {
        this(app, ZoneId.systemDefault());
    }

    public ConversationsViewModel(AppContext app, ZoneId zone) {
        this.app = app;
        this.zone = zone;
        query.addListener((o, was, now) -> search());
        selected.addListener((o, was, now) -> open(now));
        app.events().listen(this::search);
    }

    public void setProject(String id) {
        this.projectId = id;
        search();
    }

    public void search() {
        String q = query.get() == null ? "" : query.get().trim();
        String p = projectId;
        Instant now = app.omni().now();
        app.tasks().submit(Task.of(q.isEmpty() ? "Loading conversations" : "Searching conversations for " + q, ctx -> {
            ConversationService svc = new ConversationService(app.omni());
            ConversationFilter f = ConversationFilter.all(LIMIT).withProject(p);
            List<Entry> out = new ArrayList<>();
            if (q.isEmpty()) {
                for (Conversation c : svc.list(f)) {
                    out.add(new Entry(c.id(), title(c), meta(c, now), List.of(), -1));
                }
                return out;
            }
            List<MessageHit> hits;
            try {
                hits = svc.search(q, f);
            } catch (OmniException e) {
                if (e.kind() != OmniException.Kind.INVALID_INPUT) {
                    throw e;
                }
                return out;
            }
            Map<String, List<MessageHit>> byConversation = new LinkedHashMap<>();
            hits.forEach(h -> byConversation.computeIfAbsent(h.conversationId(), k -> new ArrayList<>()).add(h));
            for (List<MessageHit> hs : byConversation.values()) {
                MessageHit best = hs.get(0);
                out.add(new Entry(best.conversationId(), best.conversationTitle() == null ? "(untitled)" : best.conversationTitle(),
                        hs.size() + (hs.size() == 1 ? " matching message" : " matching messages") + " · " + best.role().wire() + " · "
                                + Times.ago(best.createdAt(), now), Highlight.parse(best.snippet()), best.seq()));
            }
            return out;
        }).key("conversation-search").delay(q.isEmpty() ? 0 : MemoryViewModel.DEBOUNCE_MS).quiet().onSuccess(out -> {
            String keep = selected.get() == null ? null : selected.get().conversationId();
            conversations.setAll(out);
            summary.set(out.isEmpty() ? (q.isEmpty() ? "No conversations yet: 'omni conv import FILE' or the daemon brings them in."
                    : "No message matches '" + q + "'.") : out.size() + (out.size() == 1 ? " conversation" : " conversations"));
            out.stream().filter(e -> e.conversationId().equals(keep)).findFirst().ifPresent(selected::set);
        }));
    }

    private static String title(Conversation c) {
        return c.title() == null || c.title().isBlank() ? "(untitled)" : c.title();
    }

    private static String meta(Conversation c, Instant now) {
        return c.source() + " · " + Plural.of(c.messageCount(), "message") + (c.model() == null ? "" : " · " + c.model())
                + (c.lastMessageAt() == null ? "" : " · " + Times.ago(c.lastMessageAt(), now));
    }

    private void open(Entry e) {
        if (e == null) {
            transcript.clear();
            title.set("");
            return;
        }
        app.tasks().submit(Task.of("Reading the conversation", ctx -> {
            ConversationService svc = new ConversationService(app.omni());
            Conversation c = svc.get(e.conversationId());
            Map<String, AgentTurns.TurnChanges> turns = new LinkedHashMap<>();
            for (AgentTurns.TurnChanges t : new AgentTurns(app.omni()).ofConversation(c.id())) {
                if (t.turn().messageId() != null) {
                    turns.put(t.turn().messageId(), t);
                }
            }
            List<TranscriptMessage> out = new ArrayList<>();
            for (Message m : svc.messages(c.id())) {
                TranscriptMessage tm = TranscriptMessage.of(m, zone);
                AgentTurns.TurnChanges t = turns.get(m.id());
                out.add(t == null ? tm : tm.withTurn(turnFiles(t)));
            }
            return Map.entry(c, out);
        }).key("transcript").onSuccess(r -> {
            Conversation c = r.getKey();
            title.set(title(c) + "  —  " + c.source() + ", " + Plural.of(c.messageCount(), "message")
                    + (c.cwd() == null ? "" : ", in " + c.cwd()));
            transcript.setAll(r.getValue());
            focus.set(e.seq() >= 0 ? e.seq() : null);
        }));
    }

    static TranscriptMessage.TurnFiles turnFiles(AgentTurns.TurnChanges t) {
        List<String> files = new ArrayList<>();
        for (AgentTurns.FileChange f : t.files()) {
            files.add(f.kind() + " " + f.path() + (f.binary() ? "  binary" : "  +" + f.added() + " −" + f.removed()));
        }
        String heading = "Turn " + t.turn().turn() + (t.turn().after() == null ? " · still running"
                : " · " + t.files().size() + (t.files().size() == 1 ? " file" : " files") + " changed · +" + t.added() + " −" + t.removed());
        return new TranscriptMessage.TurnFiles(heading, files, t.turn());
    }

    /**
     * Asks, then puts the working copy back to its state before the turn (after a safety snapshot),
     * with the same question as a restore.
     */
    public void rewind(TranscriptMessage.TurnFiles t) {
        Turn turn = t.turn();
        Workspace w = new WorkspaceService(app.omni()).find(turn.workspaceId()).orElse(null);
        if (w == null || w.localPath() == null || !java.nio.file.Files.isDirectory(w.localPath())) {
            app.notifications().error("The workspace of this turn has no working copy on this machine to rewind.");
            return;
        }
        app.dialogs().confirm(new Confirmation("Rewind to before turn " + turn.turn() + "?", "This makes the working copy of '"
                + w.name() + "' exactly as it was before turn " + turn.turn() + " (snapshot " + turn.before().abbrev()
                + "), with every file the turn changed, also through shell commands.\n\nomni first takes a safety snapshot of the"
                + " working copy, so nothing is lost: restoring that safety snapshot undoes this.", "Rewind", true, () -> {
                    List<String> warnings = new ArrayList<>();
                    app.tasks().submit(Task.of("Rewinding to before turn " + turn.turn(), ctx -> new AgentTurns(app.omni())
                            .rewind(turn, w, false, AppContext.SOURCE, ProjectsViewModel.collect(warnings), ctx.progress()))
                            .notCancellable().onSuccess(r -> {
                                app.notifications().success("Rewound '" + w.name() + "' to before turn " + turn.turn() + ": "
                                        + (r.count(RestoreService.Step.Kind.CREATE) + r.count(RestoreService.Step.Kind.UPDATE)) + " written, "
                                        + r.count(RestoreService.Step.Kind.DELETE) + " deleted"
                                        + (r.safetySnapshot() == null ? "" : "; safety snapshot " + r.safetySnapshot().abbrev())
                                        + ProjectsViewModel.warningsText(warnings));
                                app.events().changed();
                            }));
                }));
    }

    /** Opens the first conversation of the list. */
    public void openFirst() {
        if (!conversations.isEmpty()) {
            selected.set(conversations.get(0));
        }
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Entry> conversations() {
        return conversations;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public ObservableList<TranscriptMessage> transcript() {
        return transcript;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The message a search hit points at (its seq), for the view to scroll to. */
    public ObjectProperty<Long> focusProperty() {
        return focus;
    }
}
