package io.chatbridge.conversation;

import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds prompts within the token budget: the system prompt, then the newest history turns that
 * fit, then the new user turn. Thread-safe.
 *
 * <p>The budget of one call is the smallest of its {@code tokenLimit}, the configured
 * {@code contextTokens}, and the context window minus the completion budget, so prompt plus
 * completion never exceed the window. When the history does not fit, images of the oldest kept
 * turns are replaced by the text {@code [image omitted]} first, and the oldest whole turns are
 * dropped next. An assistant turn whose question was dropped goes too. Tokens are counted afresh
 * with the {@link TokenCounter}, and {@link Turn#tokens()} is not read.
 */
public final class PromptBuilder {

    private final TokenCounter counter;
    private final int contextTokens;
    private final int contextWindow;

    /**
     * Creates a builder.
     *
     * @param counter the token counter
     * @param contextTokens the most prompt tokens to send, at least 1
     * @param contextWindow the model's context window, at least 2, which prompt plus completion never
     *     exceed
     * @throws IllegalArgumentException when a limit is out of range
     */
    public PromptBuilder(TokenCounter counter, int contextTokens, int contextWindow) {
        this.counter = Objects.requireNonNull(counter, "counter");
        if (contextTokens < 1) {
            throw new IllegalArgumentException("contextTokens must be at least 1, was " + contextTokens);
        }
        if (contextWindow < 2) {
            // One token for the prompt and one for the answer is the least that can work.
            throw new IllegalArgumentException("contextWindow must be at least 2, was " + contextWindow);
        }
        this.contextTokens = contextTokens;
        this.contextWindow = contextWindow;
    }

    /**
     * Builds a prompt.
     *
     * @param systemPrompt the system prompt, or empty (or blank) for none
     * @param history earlier turns, oldest first
     * @param newTurn the member's new turn
     * @param maxOutputTokens the configured completion budget, from 1 to {@code contextWindow - 1}
     * @param tokenLimit the prompt budget for this call, at most the configured one; the engine
     *     passes a smaller one when retrying after a context-length error
     * @throws PromptTooLargeException when the system prompt and new turn alone do not fit
     * @throws IllegalArgumentException when {@code maxOutputTokens} or {@code tokenLimit} is out of range
     */
    public Prompt build(String systemPrompt, List<Turn> history, Turn newTurn, int maxOutputTokens, int tokenLimit)
            throws PromptTooLargeException {
        int budget = budget(maxOutputTokens, tokenLimit);

        List<ChatMessage> messages = new ArrayList<>(history.size() + 2);
        if (!systemPrompt.isBlank()) {
            messages.add(ChatMessage.text(Role.SYSTEM, systemPrompt));
        }
        ChatMessage newMessage = newTurn.toMessage();
        int fixedTokens = counter.count(messages) + counter.count(newMessage);
        if (fixedTokens > budget) {
            throw new PromptTooLargeException(fixedTokens, budget);
        }

        HistoryFit fit = HistoryFit.fit(counter, history, budget - fixedTokens);
        messages.addAll(fit.messages());
        messages.add(newMessage);

        int promptTokens = fixedTokens + fit.tokens();
        int outputTokens = Math.min(maxOutputTokens, contextWindow - promptTokens);
        return new Prompt(messages, promptTokens, outputTokens, fit.droppedTurns());
    }

    /** Returns the configured prompt budget. */
    public int contextTokens() {
        return contextTokens;
    }

    private int budget(int maxOutputTokens, int tokenLimit) {
        if (maxOutputTokens < 1 || maxOutputTokens >= contextWindow) {
            throw new IllegalArgumentException("maxOutputTokens must be from 1 to " + (contextWindow - 1)
                    + " so that the context window of " + contextWindow + " leaves room for a prompt, was "
                    + maxOutputTokens);
        }
        if (tokenLimit < 1) {
            throw new IllegalArgumentException("tokenLimit must be at least 1, was " + tokenLimit);
        }
        return Math.min(Math.min(tokenLimit, contextTokens), contextWindow - maxOutputTokens);
    }
}
