package io.chatbridge.config;

import io.chatbridge.conversation.Scope;
import io.chatbridge.i18n.Language;
import java.nio.file.Path;
import java.time.Duration;

/** The value of each setting that neither the file nor the environment sets. */
final class ConfigDefaults {

    static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    static final String OPENAI_MODEL = "gpt-4o-mini";
    static final double TEMPERATURE = 0.7;
    static final int MAX_OUTPUT_TOKENS = 1024;
    static final int CONTEXT_TOKENS = 8000;
    /** The context window of gpt-4o-mini. */
    static final int CONTEXT_WINDOW = 128_000;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_RETRIES = 2;

    static final String TELEGRAM_API_URL = "https://api.telegram.org";
    /** Written as JDA 6.5 keeps its REST base URL ({@code RestConfig.DEFAULT_BASE_URL}), with one trailing slash. */
    static final String DISCORD_API_URL = "https://discord.com/api/v10/";
    static final String DISCORD_GATEWAY_URL = "wss://gateway.discord.gg";

    static final Path DATA_DIR = Path.of("./data");
    static final Language LANGUAGE = Language.EN;

    // Members expect a thread or forum topic to be a conversation of its own; in chats without
    // threads this is the same as channel.
    static final Scope SCOPE = Scope.THREAD;
    static final String SYSTEM_PROMPT =
            "You are a helpful assistant in a group chat. Answer concisely in the language the user writes in.";
    static final String TRIGGER_PREFIX = "";
    static final Duration IDLE_EXPIRY = Duration.ofHours(6);
    static final long CACHE_MAX_TOKENS = 20_000_000L;
    static final Duration MERGE_WINDOW = Duration.ofSeconds(1);
    static final int MAX_INPUT_CHARS = 32_000;

    private ConfigDefaults() {}
}
