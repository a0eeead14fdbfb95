package io.chatbridge.model;

/**
 * Token counts of one model call.
 *
 * @param promptTokens prompt tokens, cached ones included
 * @param cachedPromptTokens the part of the prompt served from the provider's prompt cache
 * @param completionTokens generated tokens
 * @param estimated true when the stream carried no usage and the counts were made locally
 */
public record Usage(int promptTokens, int cachedPromptTokens, int completionTokens, boolean estimated) {

    /** Returns prompt plus completion tokens. */
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
