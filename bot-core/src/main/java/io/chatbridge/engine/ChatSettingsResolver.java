package io.chatbridge.engine;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ChatSettings;
import io.chatbridge.conversation.ChatSettingsStore;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.i18n.Language;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Works out a chat's effective settings: the defaults, overridden by the chat's entry in the
 * configuration file, overridden by what admins changed at run time (kept in the store so that a
 * restart keeps it). Thread-safe.
 */
final class ChatSettingsResolver {

    private final BotConfig config;
    private final ChatSettingsStore store;
    // Run-time overrides are read on every message; admins change them rarely.
    private final Map<String, ChatSettings> stored = new ConcurrentHashMap<>();

    ChatSettingsResolver(BotConfig config, ChatSettingsStore store) {
        this.config = config;
        this.store = store;
    }

    /** Returns the settings for a chat with every field set. */
    ChatSettings resolve(Platform platform, String chatId) {
        ChatSettings effective = config.defaults();
        ChatSettings configured = config.chat(platform, chatId);
        if (configured != null) {
            effective = configured.over(effective);
        }
        String chatRef = ConversationKey.chatRef(platform, chatId);
        ChatSettings runtime = runtime(chatRef);
        return runtime.over(effective);
    }

    /** Returns the language set for this chat in the configuration file or at run time, or null. */
    @Nullable Language explicitLanguage(Platform platform, String chatId) {
        String chatRef = ConversationKey.chatRef(platform, chatId);
        ChatSettings runtime = runtime(chatRef);
        if (runtime.language() != null) {
            return runtime.language();
        }
        ChatSettings configured = config.chat(platform, chatId);
        return configured == null ? null : configured.language();
    }

    /** Stores a new system prompt for a chat. */
    void setSystemPrompt(Platform platform, String chatId, String systemPrompt) {
        String chatRef = ConversationKey.chatRef(platform, chatId);
        ChatSettings current = runtime(chatRef);
        ChatSettings updated = new ChatSettings(systemPrompt, current.scope(), current.triggerPrefix(),
                current.model(), current.temperature(), current.language());
        store.save(chatRef, updated);
        stored.put(chatRef, updated);
    }

    // Run-time overrides set by admins, read from the store once per chat.
    private ChatSettings runtime(String chatRef) {
        return stored.computeIfAbsent(chatRef, ref -> store.load(ref).orElse(ChatSettings.EMPTY));
    }
}
