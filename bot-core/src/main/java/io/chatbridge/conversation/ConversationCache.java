package io.chatbridge.conversation;

import java.time.Duration;
import java.util.List;

/**
 * The in-memory view of conversations (Caffeine), bounded by total tokens and idle time, reading
 * through to and writing through a {@link ConversationStore}. Thread-safe; the engine serializes
 * turns of one conversation, so appends to one key never race.
 */
public final class ConversationCache {

    /**
     * Creates a cache.
     *
     * @param store the durable store
     * @param maxTokens the most tokens held across all cached conversations
     * @param idleExpiry how long an unused conversation stays cached
     */
    public ConversationCache(ConversationStore store, long maxTokens, Duration idleExpiry) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns a conversation's turns, oldest first, loading them from the store on a miss. */
    public List<Turn> history(ConversationKey key) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Appends turns to the store, then to the cached copy. */
    public void append(ConversationKey key, List<Turn> turns) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Deletes a conversation from the store and the cache. */
    public void clear(ConversationKey key) {
        throw new UnsupportedOperationException("TODO: helper");
    }
}
