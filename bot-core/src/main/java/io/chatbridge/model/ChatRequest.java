package io.chatbridge.model;

import java.util.List;
import java.util.Objects;

/**
 * A chat completions request.
 *
 * @param model the model name, such as {@code gpt-4o-mini}
 * @param messages the prompt, system message first
 * @param temperature sampling temperature, 0 to 2
 * @param maxOutputTokens the most completion tokens to generate
 */
public record ChatRequest(String model, List<ChatMessage> messages, double temperature, int maxOutputTokens) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be at least 1, was " + maxOutputTokens);
        }
    }
}
