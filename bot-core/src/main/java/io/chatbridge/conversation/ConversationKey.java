package io.chatbridge.conversation;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies one conversation context: a platform chat, narrowed by thread and member as the
 * chat's {@link Scope} says.
 *
 * @param platform the platform
 * @param chatId the platform's chat id
 * @param threadId the thread or topic, or null when the scope does not separate threads
 * @param userId the member, or null when the scope does not separate members
 */
public record ConversationKey(
        Platform platform, String chatId, @Nullable String threadId, @Nullable String userId) {

    public ConversationKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
    }

    /**
     * Returns the key of the conversation that a message belongs to under a scope. Direct chats
     * have one member, so they are keyed by chat alone whatever the scope.
     */
    public static ConversationKey of(InboundMessage message, Scope scope) {
        String thread = scope == Scope.THREAD ? message.threadId() : null;
        String user = scope == Scope.USER && !message.direct() ? message.sender().id() : null;
        return new ConversationKey(message.platform(), message.chatId(), thread, user);
    }

    /** Returns the key of the chat as a whole, used for per-chat settings. */
    public static String chatRef(Platform platform, String chatId) {
        return platform.id() + ":" + chatId;
    }

    /**
     * Returns a stable text form, {@code platform:chat[/t:thread][/u:user]}, used as the primary
     * key in the store.
     */
    public String storageId() {
        StringBuilder id = new StringBuilder(chatRef(platform, chatId));
        if (threadId != null) {
            id.append("/t:").append(threadId);
        }
        if (userId != null) {
            id.append("/u:").append(userId);
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return storageId();
    }
}
