package dev.omni.core.conversation;

import java.time.Instant;

/**
 * The token usage of one API response as a transcript recorded it ({@code usage} is the JSON record,
 * or null when only the counts are known), with where it belongs.
 */
public record UsageRecord(String source, String projectId, String deviceId, String conversationId, String conversationTitle,
                          String model, Instant createdAt, String usage, Long inputTokens, Long outputTokens) {
}
