package io.chatbridge.config;

import io.chatbridge.engine.Platform;
import io.chatbridge.media.MediaSettings;
import io.chatbridge.usage.UsageSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole validated configuration. Built by {@link ConfigLoader}. Its {@code toString()}
 * shows no secret, because the settings that hold one redact it.
 *
 * @param openAi the model endpoint
 * @param telegram the Telegram bot
 * @param discord the Discord bot
 * @param dataDir where the SQLite file lives ({@code CHATBRIDGE_DATA_DIR}), default {@code ./data}
 * @param conversation caching and message grouping
 * @param defaults chat settings for every chat, all fields set
 * @param chats per-chat overrides keyed by {@code platform:chatId}, such as {@code telegram:-100123}
 * @param admins admin user ids keyed by platform
 * @param usage prices, budgets, rate limits and access lists
 * @param media limits and choices for images, audio, video and documents
 * @param upstreams the model endpoints in failover order; one built from {@code openai.*} when
 *     {@code openai.upstreams} is absent
 * @param telegramWebhook Telegram webhook mode ({@code TELEGRAM_WEBHOOK_URL}), or null for long polling
 * @param metrics the Prometheus endpoint, off by default
 */
public record BotConfig(
        OpenAiSettings openAi,
        TelegramSettings telegram,
        DiscordSettings discord,
        Path dataDir,
        ConversationSettings conversation,
        ChatSettings defaults,
        Map<String, ChatSettings> chats,
        Map<Platform, Set<String>> admins,
        UsageSettings usage,
        MediaSettings media,
        List<UpstreamSettings> upstreams,
        @Nullable TelegramWebhookSettings telegramWebhook,
        MetricsSettings metrics) {

    public BotConfig {
        Objects.requireNonNull(openAi, "openAi");
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(discord, "discord");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(defaults, "defaults");
        chats = Map.copyOf(chats);
        admins = Map.copyOf(admins);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(media, "media");
        upstreams = List.copyOf(upstreams);
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("upstreams must not be empty");
        }
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Returns the configured override for a chat, or null. */
    public @Nullable ChatSettings chat(Platform platform, String chatId) {
        return chats.get(platform.id() + ":" + chatId);
    }

    /**
     * Returns whether every message in a chat asks the bot, mention or not, as in a support
     * channel: {@code telegram.answer_all_chats} and {@code discord.answer_all_channels}. A Discord
     * thread counts as its parent channel.
     */
    public boolean answersEverything(Platform platform, String chatId) {
        return switch (platform) {
            case TELEGRAM -> telegram.answerAllChats().contains(chatId);
            case DISCORD -> discord.answerAllChannels().contains(chatId);
            case CONSOLE -> false;
        };
    }

    /**
     * Returns whether a user id is a configured admin on a platform. The terminal chat is run by
     * the operator, so it is always an admin.
     */
    public boolean isAdmin(Platform platform, String userId) {
        if (platform == Platform.CONSOLE) {
            return true;
        }
        return admins.getOrDefault(platform, Set.of()).contains(userId);
    }
}
