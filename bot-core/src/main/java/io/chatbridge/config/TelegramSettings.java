package io.chatbridge.config;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Telegram bot.
 *
 * @param token the bot token ({@code TELEGRAM_BOT_TOKEN}); empty disables the adapter
 * @param apiUrl the Bot API base URL ({@code TELEGRAM_API_URL}), scheme, host and port only,
 *     default {@code https://api.telegram.org}
 * @param proxy the proxy for Bot API calls, or null for a direct connection
 * @param answerAllChats group ids where every message is answered without a mention, as in a
 *     support group ({@code telegram.answer_all_chats})
 */
public record TelegramSettings(String token, String apiUrl, @Nullable ProxySpec proxy, Set<String> answerAllChats) {

    public TelegramSettings {
        answerAllChats = Set.copyOf(answerAllChats);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
    }

    /** Returns whether a token is set, which enables the adapter. */
    public boolean enabled() {
        return !token.isBlank();
    }

    /** Returns the settings with the token replaced by {@code <redacted>}, so they can be logged. */
    @Override
    public String toString() {
        return "TelegramSettings[token=" + Secrets.redacted(token) + ", apiUrl=" + apiUrl + ", proxy=" + proxy + "]";
    }
}
