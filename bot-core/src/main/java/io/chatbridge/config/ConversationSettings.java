package io.chatbridge.config;

import java.time.Duration;

/**
 * How conversations are cached and how incoming messages are grouped.
 *
 * @param idleExpiry how long an untouched conversation stays in memory, default 6 h; it stays in
 *     the store regardless
 * @param cacheMaxTokens the most tokens of context held in memory across all conversations,
 *     default 20,000,000 (roughly 100 MB of text)
 * @param mergeWindow how long to wait for the rest of a long message that the platform split into
 *     parts, default 1 s
 * @param maxInputChars the longest member message accepted, longer ones are cut with a notice,
 *     default 32,000 characters
 */
public record ConversationSettings(
        Duration idleExpiry, long cacheMaxTokens, Duration mergeWindow, int maxInputChars) {}
