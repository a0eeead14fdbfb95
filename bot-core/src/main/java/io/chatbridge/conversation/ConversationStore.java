package io.chatbridge.conversation;

import java.util.List;

/** Durable storage of conversation histories. Implementations are thread-safe. */
public interface ConversationStore {

    /** Returns the turns of a conversation, oldest first; empty when there are none. */
    List<Turn> load(ConversationKey key);

    /** Appends turns at the end of a conversation, all or none. */
    void append(ConversationKey key, List<Turn> turns);

    /** Deletes a conversation's history. */
    void clear(ConversationKey key);
}
