package io.chatbridge.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every fixed key of the configuration file, with its shape and environment variables.
 *
 * <p>Each key can be set by {@code CHATBRIDGE_} followed by its path in upper case with dots
 * turned into underscores, such as {@code CHATBRIDGE_OPENAI_TEMPERATURE}. Some also have the
 * conventional name that other OpenAI and bot tools read, such as {@code OPENAI_API_KEY}; when
 * both are set, the {@code CHATBRIDGE_} name wins because it is the more specific one. The
 * per-chat keys under {@code chats} are not fixed and are not listed here.
 */
enum ConfigKey {
    OPENAI_API_KEY("openai.api_key", Shape.SECRET, "OPENAI_API_KEY"),
    OPENAI_BASE_URL("openai.base_url", Shape.VALUE, "OPENAI_BASE_URL"),
    OPENAI_MODEL("openai.model", Shape.VALUE, "OPENAI_MODEL"),
    OPENAI_TEMPERATURE("openai.temperature"),
    OPENAI_MAX_OUTPUT_TOKENS("openai.max_output_tokens"),
    OPENAI_CONTEXT_TOKENS("openai.context_tokens"),
    OPENAI_CONTEXT_WINDOW("openai.context_window"),
    OPENAI_CONNECT_TIMEOUT("openai.connect_timeout"),
    OPENAI_FIRST_TOKEN_TIMEOUT("openai.first_token_timeout"),
    OPENAI_IDLE_TIMEOUT("openai.idle_timeout"),
    OPENAI_MAX_RETRIES("openai.max_retries"),
    OPENAI_PROXY("openai.proxy"),

    TELEGRAM_TOKEN("telegram.token", Shape.SECRET, "TELEGRAM_BOT_TOKEN"),
    TELEGRAM_API_URL("telegram.api_url", Shape.VALUE, "TELEGRAM_API_URL"),
    TELEGRAM_PROXY("telegram.proxy"),
    TELEGRAM_ANSWER_ALL_CHATS("telegram.answer_all_chats", Shape.LIST, null),

    DISCORD_TOKEN("discord.token", Shape.SECRET, "DISCORD_BOT_TOKEN"),
    DISCORD_API_URL("discord.api_url", Shape.VALUE, "DISCORD_API_URL"),
    DISCORD_GATEWAY_URL("discord.gateway_url", Shape.VALUE, "DISCORD_GATEWAY_URL"),
    DISCORD_PROXY("discord.proxy"),
    DISCORD_ANSWER_ALL_CHANNELS("discord.answer_all_channels", Shape.LIST, null),
    DISCORD_THREAD_PER_QUESTION_CHANNELS("discord.thread_per_question_channels", Shape.LIST, null),

    PROXY("proxy"),
    DATA_DIR("data_dir"),
    LANGUAGE("language"),

    CONVERSATION_SCOPE("conversation.scope"),
    CONVERSATION_SYSTEM_PROMPT("conversation.system_prompt"),
    CONVERSATION_TRIGGER_PREFIX("conversation.trigger_prefix"),
    CONVERSATION_IDLE_EXPIRY("conversation.idle_expiry"),
    CONVERSATION_CACHE_MAX_TOKENS("conversation.cache_max_tokens"),
    CONVERSATION_MERGE_WINDOW("conversation.merge_window"),
    CONVERSATION_MAX_INPUT_CHARS("conversation.max_input_chars"),

    MEDIA_MAX_DOWNLOAD_BYTES("media.max_download_bytes"),
    MEDIA_IMAGE_DETAIL("media.image_detail"),
    MEDIA_VIDEO_FRAMES("media.video_frames"),
    MEDIA_MAX_VIDEO_DURATION("media.max_video_duration"),
    MEDIA_MAX_AUDIO_DURATION("media.max_audio_duration"),
    MEDIA_MAX_DOCUMENT_TOKENS("media.max_document_tokens"),
    MEDIA_TRANSCRIPTION_MODEL("media.transcription_model"),
    MEDIA_FFMPEG_DIRECTORY("media.ffmpeg_directory"),
    MEDIA_TOOL_TIMEOUT("media.tool_timeout"),

    METRICS_LISTEN("metrics.listen"),

    ADMINS_TELEGRAM("admins.telegram", Shape.LIST, null),
    ADMINS_DISCORD("admins.discord", Shape.LIST, null);

    /** The top-level key that contains per-chat overrides, keyed by {@code platform:chatId}. */
    static final String CHATS = "chats";

    /**
     * Sections bound by their feature's own binder rather than key by key: {@code usage} (prices,
     * budgets, limits and access lists, see {@code UsageSettings}) and {@code openai.upstreams} (the
     * failover list, see {@link UpstreamsBinder}). They have no generic environment variables.
     */
    static final Set<String> FEATURE_SECTIONS = Set.of("usage", UpstreamsBinder.PATH);

    /** The keys allowed inside one per-chat override. */
    static final List<String> CHAT_KEYS =
            List.of("system_prompt", "scope", "trigger_prefix", "model", "temperature", "language");

    /** The kind of value a key takes, which decides how it is read and whether messages may show it. */
    enum Shape {
        /** One scalar value. */
        VALUE,
        /** One scalar value that must never appear in a message or log. */
        SECRET,
        /** A list of ids, written as a YAML list or as comma-separated text. */
        LIST
    }

    private final String path;
    private final Shape shape;
    private final @Nullable String conventionalEnvName;

    ConfigKey(String path) {
        this(path, Shape.VALUE, null);
    }

    ConfigKey(String path, Shape shape, @Nullable String conventionalEnvName) {
        this.path = path;
        this.shape = shape;
        this.conventionalEnvName = conventionalEnvName;
    }

    /** Returns the dotted key path in the file, such as {@code openai.temperature}. */
    String path() {
        return path;
    }

    Shape shape() {
        return shape;
    }

    /** Returns the generic variable, such as {@code CHATBRIDGE_OPENAI_TEMPERATURE}. */
    String envName() {
        return "CHATBRIDGE_" + path.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Returns the variables that set this key, the winning one last. */
    List<String> envNames() {
        var names = new LinkedHashSet<String>();
        if (conventionalEnvName != null) {
            names.add(conventionalEnvName);
        }
        names.add(envName());
        return List.copyOf(names);
    }

    /** Returns the key with this dotted path, or null. */
    static @Nullable ConfigKey byPath(String path) {
        for (ConfigKey key : values()) {
            if (key.path.equals(path)) {
                return key;
            }
        }
        return null;
    }

    /** Returns whether a dotted path is a section that contains keys, such as {@code openai}. */
    static boolean isSection(String path) {
        String prefix = path + ".";
        for (ConfigKey key : values()) {
            if (key.path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the names allowed directly inside a section, or at the top level for {@code ""}. */
    static List<String> childNames(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        var names = new LinkedHashSet<String>();
        for (ConfigKey key : values()) {
            if (key.path.startsWith(prefix)) {
                String rest = key.path.substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        if (section.isEmpty()) {
            names.add(CHATS);
        }
        return List.copyOf(names);
    }

    /** Returns every environment variable name that sets a key. */
    static Set<String> allEnvNames() {
        var names = new ArrayList<String>();
        for (ConfigKey key : values()) {
            names.addAll(key.envNames());
        }
        return Set.copyOf(names);
    }
}
