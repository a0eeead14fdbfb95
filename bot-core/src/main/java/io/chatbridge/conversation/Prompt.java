package io.chatbridge.conversation;

import io.chatbridge.model.ChatMessage;
import java.util.List;

/**
 * A prompt ready to send.
 *
 * @param messages system message, kept history, then the new user turn
 * @param promptTokens the counted prompt tokens
 * @param maxOutputTokens the completion budget, lowered when needed so that prompt plus
 *     completion fit the context window
 * @param droppedTurns how many older history turns did not fit and were left out
 */
public record Prompt(List<ChatMessage> messages, int promptTokens, int maxOutputTokens, int droppedTurns) {
    public Prompt {
        messages = List.copyOf(messages);
    }
}
