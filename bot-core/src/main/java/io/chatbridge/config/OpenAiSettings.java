package io.chatbridge.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model endpoint and how it is called.
 *
 * @param apiKey the bearer key ({@code OPENAI_API_KEY}); empty when the relay needs none
 * @param baseUrl the API base URL without a trailing slash ({@code OPENAI_BASE_URL}), default
 *     {@code https://api.openai.com/v1}
 * @param model the model name ({@code OPENAI_MODEL}), default {@code gpt-4o-mini}
 * @param temperature sampling temperature, 0 to 2, default 0.7
 * @param maxOutputTokens the most tokens one answer may have, default 1024
 * @param contextTokens the most prompt tokens (system prompt, history and new turn), default 8000
 * @param contextWindow the model's context window in tokens, default 128000 for gpt-4o-mini
 * @param connectTimeout TCP and TLS connect timeout, default 10 s
 * @param firstTokenTimeout the longest wait for the first answer text, default 60 s
 * @param idleTimeout the longest gap between two stream chunks, default 30 s
 * @param maxRetries extra attempts for failures that can succeed on retry, default 2
 * @param proxy the proxy for model calls, or null for a direct connection
 */
public record OpenAiSettings(
        String apiKey,
        String baseUrl,
        String model,
        double temperature,
        int maxOutputTokens,
        int contextTokens,
        int contextWindow,
        Duration connectTimeout,
        Duration firstTokenTimeout,
        Duration idleTimeout,
        int maxRetries,
        @Nullable ProxySpec proxy) {

    public OpenAiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(firstTokenTimeout, "firstTokenTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /** Returns the settings with the API key replaced by {@code <redacted>}, so they can be logged. */
    @Override
    public String toString() {
        return "OpenAiSettings[apiKey=" + Secrets.redacted(apiKey)
                + ", baseUrl=" + baseUrl
                + ", model=" + model
                + ", temperature=" + temperature
                + ", maxOutputTokens=" + maxOutputTokens
                + ", contextTokens=" + contextTokens
                + ", contextWindow=" + contextWindow
                + ", connectTimeout=" + connectTimeout
                + ", firstTokenTimeout=" + firstTokenTimeout
                + ", idleTimeout=" + idleTimeout
                + ", maxRetries=" + maxRetries
                + ", proxy=" + proxy + "]";
    }
}
