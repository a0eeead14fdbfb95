package io.chatbridge.conversation;

import io.chatbridge.model.ChatMessage;
import java.util.List;

/** Counts prompt tokens the way gpt-4o-mini does ({@code o200k_base}). Thread-safe. */
public final class TokenCounter {

    /** Returns the tokens of a piece of text. */
    public int count(String text) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns the prompt tokens of one message, its per-message overhead and image parts included. */
    public int count(ChatMessage message) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns the prompt tokens of a whole request's messages, reply priming included. */
    public int count(List<ChatMessage> messages) {
        throw new UnsupportedOperationException("TODO: helper");
    }
}
