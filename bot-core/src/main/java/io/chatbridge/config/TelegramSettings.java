package io.chatbridge.config;

import org.jspecify.annotations.Nullable;

/**
 * The Telegram bot.
 *
 * @param token the bot token ({@code TELEGRAM_BOT_TOKEN}); empty disables the adapter
 * @param apiUrl the Bot API base URL ({@code TELEGRAM_API_URL}), scheme, host and port only,
 *     default {@code https://api.telegram.org}
 * @param proxy the proxy for Bot API calls, or null for a direct connection
 */
public record TelegramSettings(String token, String apiUrl, @Nullable ProxySpec proxy) {

    /** Returns whether a token is set, which enables the adapter. */
    public boolean enabled() {
        return !token.isBlank();
    }
}
