package io.chatbridge.engine;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat message as an adapter hands it to the engine, free of platform library types.
 *
 * <p>Adapters only translate: they report what the platform says (was the bot mentioned, is
 * this a reply to one of its messages) and the engine decides what to do with it.
 *
 * @param platform where the message came from
 * @param chatId the chat, group or channel id
 * @param threadId the thread or forum topic id, or null outside threads
 * @param sender the author
 * @param text the text or caption, possibly empty
 * @param attachments files attached to the message
 * @param direct whether this is a one-to-one chat with the bot
 * @param mentionsBot whether the message mentions the bot by name or id
 * @param repliesToBot whether the message replies to one of the bot's messages
 * @param messageId the platform's id for this message
 * @param botUsername the bot's own user name on this platform, without the {@code @}
 * @param chatLocale a language tag for the chat as a whole (Discord's server locale), or null
 */
public record InboundMessage(
        Platform platform,
        String chatId,
        @Nullable String threadId,
        Sender sender,
        String text,
        List<Attachment> attachments,
        boolean direct,
        boolean mentionsBot,
        boolean repliesToBot,
        String messageId,
        String botUsername,
        @Nullable String chatLocale) {

    public InboundMessage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(botUsername, "botUsername");
        attachments = List.copyOf(attachments);
    }

    /** Returns a copy with the given text, used when the engine merges split messages. */
    public InboundMessage withText(String newText) {
        return new InboundMessage(platform, chatId, threadId, sender, newText, attachments, direct,
                mentionsBot, repliesToBot, messageId, botUsername, chatLocale);
    }
}
