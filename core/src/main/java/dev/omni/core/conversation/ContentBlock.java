package dev.omni.core.conversation;

/**
 * One part of a message, for display: {@code text}, {@code thinking}, {@code tool_use} (a call:
 * {@code name}, {@code id}, {@code input} as compact JSON or text), {@code tool_result} (its
 * {@code text}, the call's {@code id}, whether it failed), {@code image}, or a type omni does not
 * know (kept as it came, {@code text} is its JSON).
 */
public record ContentBlock(String type, String text, String name, String id, String input, boolean error) {
    public boolean isText() {
        return type.equals("text");
    }

    public boolean isToolUse() {
        return type.equals("tool_use") || type.equals("server_tool_use");
    }

    public boolean isToolResult() {
        return type.equals("tool_result") || type.equals("web_search_tool_result");
    }

    public boolean isThinking() {
        return type.equals("thinking") || type.equals("redacted_thinking");
    }
}
