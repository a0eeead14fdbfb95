package io.chatbridge.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One OpenAI-compatible endpoint among several that answers are tried on, highest priority first,
 * as listed under {@code openai.upstreams}. Every field not set here comes from {@code openai.*}.
 *
 * @param name a short label for logs and the {@code check} command, such as {@code relay}: 1 to 40
 *     letters, digits, {@code .}, {@code _} or {@code -}, unique among the upstreams
 * @param baseUrl the API base URL without a trailing slash, such as {@code https://relay.example.com/v1}
 * @param apiKeyEnv the environment variable that holds the key, such as {@code RELAY_API_KEY}, or
 *     empty for a relay that needs no key. Keys are never written in the configuration file.
 * @param apiKey the key read from {@code apiKeyEnv}, empty when none
 * @param model the model name sent to this upstream instead of the chat's model, or null to send
 *     the chat's model
 * @param priority the order in which upstreams are tried, lowest first; equal priorities keep
 *     file order
 * @param maxRetries retries on this upstream before moving on, or null for {@code openai.max_retries}
 * @param failoverOn account errors that move the call to the next upstream instead of failing it,
 *     for upstreams that use different accounts; empty by default
 */
public record UpstreamSettings(
        String name,
        String baseUrl,
        String apiKeyEnv,
        String apiKey,
        @Nullable String model,
        int priority,
        @Nullable Integer maxRetries,
        Set<AccountError> failoverOn) {

    /** The name of the one upstream built from {@code openai.*} when no list is configured. */
    public static final String DEFAULT_NAME = "default";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /** A failure of the account or key rather than of the service, which another account may not share. */
    public enum AccountError {
        /** The account has no credit left ({@code failover_on: [quota]}). */
        QUOTA,
        /** The key was rejected ({@code failover_on: [auth]}). */
        AUTH,
        /** The endpoint does not serve the model ({@code failover_on: [model_not_found]}). */
        MODEL_NOT_FOUND;

        /** Returns the name written in the configuration file, such as {@code model_not_found}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public UpstreamSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(apiKey, "apiKey");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upstream name must be 1 to 40 letters, digits, '.', '_' or '-', was '"
                    + name + "'");
        }
        failoverOn = failoverOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(failoverOn));
    }

    /** Returns the single upstream that {@code openai.*} describes, used when no list is configured. */
    public static UpstreamSettings from(OpenAiSettings openAi) {
        return new UpstreamSettings(DEFAULT_NAME, openAi.baseUrl(), "OPENAI_API_KEY", openAi.apiKey(), null, 0, null,
                Set.of());
    }

    /**
     * Returns {@code base} with this upstream's base URL, key, retries and model, for building its
     * client. The model is this upstream's override when set, so that {@code check} pings the model
     * the upstream will be asked for.
     */
    public OpenAiSettings applyTo(OpenAiSettings base) {
        return new OpenAiSettings(apiKey, baseUrl, model != null ? model : base.model(), base.temperature(),
                base.maxOutputTokens(), base.contextTokens(), base.contextWindow(), base.connectTimeout(),
                base.firstTokenTimeout(), base.idleTimeout(), maxRetries != null ? maxRetries : base.maxRetries(),
                base.proxy());
    }

    /** Returns the settings with the key replaced by {@code <redacted>}, so they can be logged. */
    @Override
    public String toString() {
        return "UpstreamSettings[name=" + name + ", baseUrl=" + baseUrl + ", apiKeyEnv=" + apiKeyEnv
                + ", apiKey=" + Secrets.redacted(apiKey) + ", model=" + model + ", priority=" + priority
                + ", maxRetries=" + maxRetries + ", failoverOn=" + failoverOn + "]";
    }
}
