package dev.omni.core.search;

import dev.omni.core.conversation.ConversationFilter;

/** A search of conversation messages: the query, the filter (its limit is the number of hits), the mode ({@code null}: chosen by coverage). */
public record MessageSearchRequest(String query, ConversationFilter filter, SearchMode mode) {
}
