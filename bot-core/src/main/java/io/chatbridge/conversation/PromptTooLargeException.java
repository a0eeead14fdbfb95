package io.chatbridge.conversation;

/** The system prompt and the new turn alone exceed the prompt budget. */
public final class PromptTooLargeException extends Exception {

    private final int tokens;
    private final int limit;

    public PromptTooLargeException(int tokens, int limit) {
        super("prompt needs " + tokens + " tokens without history, but the budget is " + limit);
        this.tokens = tokens;
        this.limit = limit;
    }

    public int tokens() {
        return tokens;
    }

    public int limit() {
        return limit;
    }
}
