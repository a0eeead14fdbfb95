package io.chatbridge.config;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Discord bot.
 *
 * @param token the bot token ({@code DISCORD_BOT_TOKEN}); empty disables the adapter
 * @param apiUrl the REST base URL ({@code DISCORD_API_URL}), default
 *     {@code https://discord.com/api/v10/}
 * @param gatewayUrl the gateway WebSocket URL ({@code DISCORD_GATEWAY_URL}), default
 *     {@code wss://gateway.discord.gg}
 * @param proxy the proxy for REST and gateway connections, or null
 * @param answerAllChannels channel ids where every message is answered without a mention
 * @param threadPerQuestionChannels channel ids where the bot opens a thread for each new question
 */
public record DiscordSettings(
        String token,
        String apiUrl,
        String gatewayUrl,
        @Nullable ProxySpec proxy,
        Set<String> answerAllChannels,
        Set<String> threadPerQuestionChannels) {

    public DiscordSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        answerAllChannels = Set.copyOf(answerAllChannels);
        threadPerQuestionChannels = Set.copyOf(threadPerQuestionChannels);
    }

    /** Returns whether a token is set, which enables the adapter. */
    public boolean enabled() {
        return !token.isBlank();
    }

    /** Returns the settings with the token replaced by {@code <redacted>}, so they can be logged. */
    @Override
    public String toString() {
        return "DiscordSettings[token=" + Secrets.redacted(token)
                + ", apiUrl=" + apiUrl
                + ", gatewayUrl=" + gatewayUrl
                + ", proxy=" + proxy
                + ", answerAllChannels=" + answerAllChannels
                + ", threadPerQuestionChannels=" + threadPerQuestionChannels + "]";
    }
}
