package io.chatbridge.config;

import io.chatbridge.media.MediaSettings;
import io.chatbridge.usage.UsageSettings;
import io.chatbridge.usage.UsageSettingsException;
import io.chatbridge.engine.Platform;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link BotConfig} from raw values, checking each one. An invalid value is reported
 * and replaced by its default so that checking goes on and every problem is found in one run.
 */
final class ConfigBinder {

    private final RawConfig raw;
    private final Problems problems;
    private final Map<String, String> env;

    ConfigBinder(RawConfig raw, Problems problems, Map<String, String> env) {
        this.raw = raw;
        this.problems = problems;
        this.env = env;
    }

    /** Returns the configuration, which is valid only if no problem was added meanwhile. */
    BotConfig bind() {
        ProxyChoice sharedProxy = read(ConfigKey.PROXY, ProxyChoice.DIRECT, v -> UrlRules.proxy(v, problems));
        OpenAiSettings openAi = openAi(sharedProxy);
        return new BotConfig(
                openAi,
                telegram(sharedProxy),
                discord(sharedProxy),
                read(ConfigKey.DATA_DIR, ConfigDefaults.DATA_DIR, v -> ValueRules.directory(v, problems)),
                conversation(),
                defaults(openAi),
                new ChatOverrideBinder(problems).bind(raw.chats()),
                admins(),
                usage(),
                media(),
                upstreams(openAi),
                webhook(),
                metrics());
    }

    private List<UpstreamSettings> upstreams(OpenAiSettings openAi) {
        try {
            List<UpstreamSettings> configured = UpstreamsBinder.bind(raw.section(UpstreamsBinder.PATH), env);
            return configured.isEmpty() ? List.of(UpstreamSettings.from(openAi)) : configured;
        } catch (ConfigException e) {
            e.problems().forEach(problems::add);
            return List.of(UpstreamSettings.from(openAi));
        }
    }

    private @Nullable TelegramWebhookSettings webhook() {
        try {
            return TelegramWebhookSettings.fromEnvironment(env);
        } catch (ConfigException e) {
            e.problems().forEach(problems::add);
            return null;
        }
    }

    /** Reads {@code metrics.listen}; an empty value turns the endpoint off, like a missing one. */
    private MetricsSettings metrics() {
        RawValue value = raw.value(ConfigKey.METRICS_LISTEN);
        if (value == null || value.text().isBlank()) {
            return MetricsSettings.OFF;
        }
        ListenAddress listen = ValueRules.listenAddress(value, problems);
        return listen == null ? MetricsSettings.OFF : new MetricsSettings(listen);
    }

    private MediaSettings media() {
        MediaSettings defaults = MediaSettings.defaults();
        return MediaSettings.builder()
                .maxDownloadBytes(read(ConfigKey.MEDIA_MAX_DOWNLOAD_BYTES, defaults.maxDownloadBytes(),
                        v -> ValueRules.wholeNumber(v, 1, 2L * 1024 * 1024 * 1024, null, problems)))
                .imageDetail(read(ConfigKey.MEDIA_IMAGE_DETAIL, defaults.imageDetail(),
                        v -> ValueRules.imageDetail(v, problems)))
                .videoFrames(readInt(ConfigKey.MEDIA_VIDEO_FRAMES, defaults.videoFrames(), 1, 50))
                .maxVideoDuration(readDuration(ConfigKey.MEDIA_MAX_VIDEO_DURATION, defaults.maxVideoDuration(),
                        Duration.ofSeconds(1), Duration.ofHours(3)))
                .maxAudioDuration(readDuration(ConfigKey.MEDIA_MAX_AUDIO_DURATION, defaults.maxAudioDuration(),
                        Duration.ofSeconds(1), Duration.ofHours(3)))
                .maxDocumentTokens(readInt(ConfigKey.MEDIA_MAX_DOCUMENT_TOKENS, defaults.maxDocumentTokens(), 1,
                        1_000_000))
                .transcriptionModel(read(ConfigKey.MEDIA_TRANSCRIPTION_MODEL, defaults.transcriptionModel(),
                        v -> ValueRules.modelName(v, problems)))
                .ffmpegDirectory(read(ConfigKey.MEDIA_FFMPEG_DIRECTORY, defaults.ffmpegDirectory(),
                        v -> ValueRules.directory(v, problems)))
                .toolTimeout(readDuration(ConfigKey.MEDIA_TOOL_TIMEOUT, defaults.toolTimeout(),
                        Duration.ofSeconds(1), Duration.ofMinutes(30)))
                .build();
    }

    private UsageSettings usage() {
        try {
            return UsageSettings.fromYaml(raw.section("usage"));
        } catch (UsageSettingsException e) {
            e.problems().forEach(problems::add);
            return UsageSettings.defaults();
        }
    }

    private OpenAiSettings openAi(ProxyChoice sharedProxy) {
        int contextWindow = readInt(ConfigKey.OPENAI_CONTEXT_WINDOW, ConfigDefaults.CONTEXT_WINDOW, 1024, 10_000_000);
        return new OpenAiSettings(
                readSecret(ConfigKey.OPENAI_API_KEY, v -> ValueRules.secret(v,
                        "give the key alone, without quotes or a \"Bearer \" prefix", problems)),
                read(ConfigKey.OPENAI_BASE_URL, ConfigDefaults.OPENAI_BASE_URL,
                        v -> UrlRules.baseUrl(v, ConfigDefaults.OPENAI_BASE_URL, problems)),
                read(ConfigKey.OPENAI_MODEL, ConfigDefaults.OPENAI_MODEL, v -> ValueRules.modelName(v, problems)),
                read(ConfigKey.OPENAI_TEMPERATURE, ConfigDefaults.TEMPERATURE, v -> ValueRules.number(v, 0, 2, problems)),
                readInt(ConfigKey.OPENAI_MAX_OUTPUT_TOKENS, ConfigDefaults.MAX_OUTPUT_TOKENS, 1, 128_000),
                contextTokens(contextWindow),
                contextWindow,
                readDuration(ConfigKey.OPENAI_CONNECT_TIMEOUT, ConfigDefaults.CONNECT_TIMEOUT,
                        Duration.ofMillis(100), Duration.ofMinutes(5)),
                readDuration(ConfigKey.OPENAI_FIRST_TOKEN_TIMEOUT, ConfigDefaults.FIRST_TOKEN_TIMEOUT,
                        Duration.ofSeconds(1), Duration.ofMinutes(30)),
                readDuration(ConfigKey.OPENAI_IDLE_TIMEOUT, ConfigDefaults.IDLE_TIMEOUT,
                        Duration.ofSeconds(1), Duration.ofMinutes(30)),
                readInt(ConfigKey.OPENAI_MAX_RETRIES, ConfigDefaults.MAX_RETRIES, 0, 10),
                proxy(ConfigKey.OPENAI_PROXY, sharedProxy));
    }

    /** Reads context_tokens, which must fit the context window read before it. */
    private int contextTokens(int contextWindow) {
        RawValue value = raw.value(ConfigKey.OPENAI_CONTEXT_TOKENS);
        if (value == null) {
            return Math.min(ConfigDefaults.CONTEXT_TOKENS, contextWindow);
        }
        Long tokens = ValueRules.wholeNumber(value, 256, contextWindow, ConfigKey.OPENAI_CONTEXT_WINDOW.path(), problems);
        return tokens == null ? ConfigDefaults.CONTEXT_TOKENS : tokens.intValue();
    }

    private TelegramSettings telegram(ProxyChoice sharedProxy) {
        return new TelegramSettings(
                readSecret(ConfigKey.TELEGRAM_TOKEN, v -> ValueRules.telegramToken(v, problems)),
                read(ConfigKey.TELEGRAM_API_URL, ConfigDefaults.TELEGRAM_API_URL,
                        v -> UrlRules.originUrl(v, ConfigDefaults.TELEGRAM_API_URL, problems)),
                proxy(ConfigKey.TELEGRAM_PROXY, sharedProxy),
                ids(ConfigKey.TELEGRAM_ANSWER_ALL_CHATS, Platform.TELEGRAM));
    }

    private DiscordSettings discord(ProxyChoice sharedProxy) {
        return new DiscordSettings(
                readSecret(ConfigKey.DISCORD_TOKEN, v -> ValueRules.secret(v,
                        "give the token alone, without quotes or a \"Bot \" prefix", problems)),
                read(ConfigKey.DISCORD_API_URL, ConfigDefaults.DISCORD_API_URL,
                        v -> UrlRules.slashEndedUrl(v, ConfigDefaults.DISCORD_API_URL, problems)),
                read(ConfigKey.DISCORD_GATEWAY_URL, ConfigDefaults.DISCORD_GATEWAY_URL,
                        v -> UrlRules.websocketUrl(v, ConfigDefaults.DISCORD_GATEWAY_URL, problems)),
                proxy(ConfigKey.DISCORD_PROXY, sharedProxy),
                ids(ConfigKey.DISCORD_ANSWER_ALL_CHANNELS, Platform.DISCORD),
                ids(ConfigKey.DISCORD_THREAD_PER_QUESTION_CHANNELS, Platform.DISCORD));
    }

    private ConversationSettings conversation() {
        return new ConversationSettings(
                readDuration(ConfigKey.CONVERSATION_IDLE_EXPIRY, ConfigDefaults.IDLE_EXPIRY,
                        Duration.ofMinutes(1), Duration.ofDays(30)),
                read(ConfigKey.CONVERSATION_CACHE_MAX_TOKENS, ConfigDefaults.CACHE_MAX_TOKENS,
                        v -> ValueRules.wholeNumber(v, 10_000, 10_000_000_000L, null, problems)),
                readDuration(ConfigKey.CONVERSATION_MERGE_WINDOW, ConfigDefaults.MERGE_WINDOW,
                        Duration.ZERO, Duration.ofSeconds(10)),
                readInt(ConfigKey.CONVERSATION_MAX_INPUT_CHARS, ConfigDefaults.MAX_INPUT_CHARS, 1, 1_000_000));
    }

    /** Returns the settings of every chat; the model and temperature are those of {@code openai}. */
    private ChatSettings defaults(OpenAiSettings openAi) {
        return new ChatSettings(
                read(ConfigKey.CONVERSATION_SYSTEM_PROMPT, ConfigDefaults.SYSTEM_PROMPT,
                        v -> ValueRules.systemPrompt(v, problems)),
                read(ConfigKey.CONVERSATION_SCOPE, ConfigDefaults.SCOPE, v -> ValueRules.scope(v, problems)),
                read(ConfigKey.CONVERSATION_TRIGGER_PREFIX, ConfigDefaults.TRIGGER_PREFIX,
                        v -> ValueRules.triggerPrefix(v, problems)),
                openAi.model(),
                openAi.temperature(),
                read(ConfigKey.LANGUAGE, ConfigDefaults.LANGUAGE, v -> ValueRules.language(v, problems)));
    }

    private Map<Platform, Set<String>> admins() {
        var admins = new EnumMap<Platform, Set<String>>(Platform.class);
        admins.put(Platform.TELEGRAM, ids(ConfigKey.ADMINS_TELEGRAM, Platform.TELEGRAM));
        admins.put(Platform.DISCORD, ids(ConfigKey.ADMINS_DISCORD, Platform.DISCORD));
        return admins;
    }

    private Set<String> ids(ConfigKey key, Platform platform) {
        var ids = new LinkedHashSet<String>();
        for (RawValue item : raw.list(key)) {
            String id = ValueRules.platformId(item, platform, problems);
            if (id != null) {
                ids.add(id);
            }
        }
        return Set.copyOf(ids);
    }

    /** Returns a section's own proxy when set, {@code direct} included, else the shared one. */
    private @Nullable ProxySpec proxy(ConfigKey key, ProxyChoice sharedProxy) {
        return read(key, sharedProxy, v -> UrlRules.proxy(v, problems)).proxy();
    }

    private int readInt(ConfigKey key, int fallback, int min, int max) {
        return read(key, (long) fallback, v -> ValueRules.wholeNumber(v, min, max, null, problems)).intValue();
    }

    private Duration readDuration(ConfigKey key, Duration fallback, Duration min, Duration max) {
        return read(key, fallback, v -> ValueRules.duration(v, min, max, problems));
    }

    /** Returns a secret, empty when unset or invalid. */
    private String readSecret(ConfigKey key, Function<RawValue, @Nullable String> rule) {
        return read(key, "", rule);
    }

    /** Returns the checked value of a key, or {@code fallback} when it is unset or invalid. */
    private <T> T read(ConfigKey key, T fallback, Function<RawValue, @Nullable T> rule) {
        RawValue value = raw.value(key);
        if (value == null) {
            return fallback;
        }
        T checked = rule.apply(value);
        return checked == null ? fallback : checked;
    }
}
