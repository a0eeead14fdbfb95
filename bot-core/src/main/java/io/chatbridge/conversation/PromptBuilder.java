package io.chatbridge.conversation;

import java.util.List;

/**
 * Builds prompts within the token budget: the system prompt, then the newest history turns that
 * fit, then the new user turn. Thread-safe.
 */
public final class PromptBuilder {

    /**
     * Creates a builder.
     *
     * @param counter the token counter
     * @param contextTokens the most prompt tokens to send
     * @param contextWindow the model's context window; prompt plus completion never exceed it
     */
    public PromptBuilder(TokenCounter counter, int contextTokens, int contextWindow) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /**
     * Builds a prompt.
     *
     * @param systemPrompt the system prompt, or empty for none
     * @param history earlier turns, oldest first
     * @param newTurn the member's new turn
     * @param maxOutputTokens the configured completion budget
     * @param tokenLimit the prompt budget for this call, at most the configured one; the engine
     *     passes a smaller one when retrying after a context-length error
     * @throws PromptTooLargeException when the system prompt and new turn alone do not fit
     */
    public Prompt build(String systemPrompt, List<Turn> history, Turn newTurn, int maxOutputTokens, int tokenLimit)
            throws PromptTooLargeException {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns the configured prompt budget. */
    public int contextTokens() {
        throw new UnsupportedOperationException("TODO: helper");
    }
}
