package io.chatbridge.conversation;

import java.util.List;

/** Durable storage of conversation histories. Implementations are thread-safe. */
public interface ConversationStore {

    /** Returns the turns of a conversation, oldest first; empty when there are none. */
    List<Turn> load(ConversationKey key);

    /**
     * Returns the newest turns of a conversation, oldest of them first, or an empty list. A prompt
     * only uses the newest turns, so callers load a bounded tail instead of a long history. The
     * default implementation loads everything and keeps the tail, so stores should override it
     * to read only those rows.
     *
     * @param maxTurns the maximum number of turns to return, at least 1
     * @throws IllegalArgumentException when {@code maxTurns} is below 1
     */
    default List<Turn> load(ConversationKey key, int maxTurns) {
        requirePositiveMaxTurns(maxTurns);
        List<Turn> all = load(key);
        return List.copyOf(all.subList(Math.max(0, all.size() - maxTurns), all.size()));
    }

    /** Appends turns at the end of a conversation, all or none. */
    void append(ConversationKey key, List<Turn> turns);

    /** Deletes a conversation's history. */
    void clear(ConversationKey key);

    private static void requirePositiveMaxTurns(int maxTurns) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, was " + maxTurns);
        }
    }
}
