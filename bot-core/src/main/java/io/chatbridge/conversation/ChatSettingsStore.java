package io.chatbridge.conversation;

import io.chatbridge.config.ChatSettings;
import java.util.Optional;

/** Durable storage of chat settings changed at run time by admins. Implementations are thread-safe. */
public interface ChatSettingsStore {

    /** Returns the stored settings of a chat ({@code platform:chatId}), if any. */
    Optional<ChatSettings> load(String chatRef);

    /** Stores the settings of a chat, replacing earlier ones. */
    void save(String chatRef, ChatSettings settings);
}
