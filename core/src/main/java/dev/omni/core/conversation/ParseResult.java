package dev.omni.core.conversation;

import dev.omni.core.util.InputProblem;
import java.util.List;
import java.util.Map;

/**
 * What a transcript file held: its conversations (Aider keeps several in one file), the problems met
 * (each with its line; the rest was still read), and the lines that are not messages, counted by
 * kind, so that nothing is dropped without saying so.
 */
public record ParseResult(TranscriptFormat format, List<ParsedConversation> conversations, List<InputProblem> problems,
                          Map<String, Integer> skipped) {
    public ParseResult {
        conversations = List.copyOf(conversations);
        problems = List.copyOf(problems);
        skipped = Map.copyOf(skipped);
    }
}
