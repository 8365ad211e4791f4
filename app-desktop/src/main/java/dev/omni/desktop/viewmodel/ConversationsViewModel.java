package dev.omni.desktop.viewmodel;

import dev.omni.core.OmniException;
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
            List<TranscriptMessage> out = new ArrayList<>();
            for (Message m : svc.messages(c.id())) {
                out.add(TranscriptMessage.of(m, zone));
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
